import type { Json } from "../../../core/json";
import { MS } from "../../../core/time";
import type { Message, Runtime } from "../../../node/runtime-api";
import { ZK_MSG } from "../../consensus/zookeeper/zk-messages";
import type { ZkWatchEvent } from "../../consensus/zookeeper/zk-messages";
import { resolveZkClientOptions } from "../../consensus/zookeeper/zk-options";
import { ZK_SERVER_KIND } from "../../consensus/zookeeper/zk-server";
import { ZkSession } from "../../consensus/zookeeper/zk-session";
import { REGISTRY_ROOTS, registryKey } from "../../consensus/registry-view-recorder";
import type { InstanceInfo, InstanceStatus, InstanceView } from "../registry-types";
import type { RegistryClientOptions } from "../client-options";
import type { Registration, RegistryBackend } from "./registry-backend";
import { CachedDiscovery, ViewCache } from "./registry-backend";

/**
 * A registry client on the ZooKeeper-like service, as Curator's service discovery keeps one: an
 * instance is an ephemeral znode /services/<service>/<id> (the id URI-encoded) holding its
 * InstanceInfo, living as long as the session (`sessionTimeoutUs`, clamped by the server); when
 * the session expires the znode is deleted and the client opens a new session and creates it
 * again. A server cut off from the quorum refuses clients, so on the minority side nothing
 * registers (`registry.client.register-refused`).
 *
 * Discovery: getChildren with a watch on /services/<service>, then getData of each child, both
 * answered by the server the session is connected to (a plain ZooKeeper read, which may lag the
 * leader); the watch's one-shot event, a reconnection or `fetchIntervalUs` triggers the next
 * read. When no server answers, the list stays what it was.
 */
export class ZookeeperRegistry extends CachedDiscovery implements RegistryBackend {
  private readonly session: ZkSession;
  protected readonly cache: ViewCache;
  private info: InstanceInfo | null = null;
  private opening: Promise<void> | null = null;

  constructor(private readonly rt: Runtime, private readonly o: RegistryClientOptions) {
    super();
    const servers = o.servers ?? rt.directory().filter((p) => p.kind === ZK_SERVER_KIND).map((p) => p.address);
    if (servers.length === 0) throw new Error(`${rt.address}: registry backend zookeeper needs servers (add processes of kind "${ZK_SERVER_KIND}" or set servers)`);
    const zo = resolveZkClientOptions({ sessionTimeoutUs: o.sessionTimeoutUs, callTimeoutUs: o.callTimeoutUs }, `registry client ${rt.address}`);
    this.session = new ZkSession(rt, zo, servers);
    this.cache = new ViewCache(rt, (service) => void this.discover(service));
    rt.record("registry-start", { role: "client", backend: "zookeeper" });
  }

  /** A live session: opened once and kept alive; after an expiry the next caller opens a new one. */
  private async live(): Promise<number> {
    if (this.session.id === 0) {
      if (!this.opening) {
        this.opening = this.session.open().then(() => { void this.session.keepAlive(); this.opening = null; });
      }
      await this.opening;
    }
    return this.session.id;
  }

  /** A persistent znode that may already exist. */
  private async ensure(path: string): Promise<boolean> {
    const r = await this.session.call(ZK_MSG.create, { session: this.session.id, path, data: null });
    return r.ok || r.code === "NODEEXISTS";
  }

  register(r: Registration): void {
    const rt = this.rt;
    this.info = { service: r.service, id: r.id ?? rt.address, address: rt.address, ip: rt.ip, zone: rt.zone, weight: r.weight ?? 1, status: r.status ?? "UP", dirty: rt.now() };
    void this.keepRegistered(this.info);
  }

  /** Creates the ephemeral znode in each new session, until deregistered. */
  private async keepRegistered(info: InstanceInfo): Promise<void> {
    const path = registryKey("services", info.service, info.id);
    while (this.info === info) {
      const session = await this.live();
      while (this.info === info && this.session.id === session) {
        const ok = (await this.ensure(REGISTRY_ROOTS.services)) && (await this.ensure(`${REGISTRY_ROOTS.services}/${info.service}`));
        const r = ok ? await this.session.call(ZK_MSG.create, { session, path, data: info as unknown as Json, ephemeral: true }) : null;
        if (r && (r.ok || r.code === "NODEEXISTS")) break;
        if (r?.code === "SESSIONEXPIRED") this.session.expired();
        this.rt.metrics.count("registry.client.register-refused");
        await this.rt.sleep(Math.max(MS, Math.floor(this.session.timeoutUs / 3)));
      }
      // Registered: wait for the session to end, polling at a third of its timeout.
      while (this.info === info && this.session.id === session) await this.rt.sleep(Math.max(MS, Math.floor(this.session.timeoutUs / 3)));
    }
  }

  async deregister(): Promise<void> {
    const info = this.info;
    if (!info) return;
    this.info = null;
    if (this.session.id !== 0) await this.session.call(ZK_MSG.delete, { session: this.session.id, path: registryKey("services", info.service, info.id), version: -1 });
  }

  async setStatus(status: InstanceStatus): Promise<void> {
    const info = this.info;
    if (!info || this.session.id === 0) return;
    info.status = status;
    info.dirty = this.rt.now();
    await this.session.call(ZK_MSG.setData, { session: this.session.id, path: registryKey("services", info.service, info.id), data: info as unknown as Json, version: -1 });
  }

  private async discover(service: string): Promise<void> {
    const dir = `${REGISTRY_ROOTS.services}/${service}`;
    for (;;) {
      await this.live();
      const c = await this.session.call(ZK_MSG.getChildren, { path: dir, watch: true });
      if (c.ok || c.code === "NONODE") {
        const list: InstanceView[] = [];
        let whole = true;
        for (const name of c.ok ? (c.body.children as string[]) : []) {
          const d = await this.session.call(ZK_MSG.getData, { path: `${dir}/${name}` });
          if (d.ok && d.body.data) {
            const v = d.body.data as unknown as InstanceInfo;
            if (v.status === "UP") list.push({ ...v, id: decodeURIComponent(name), healthy: true });
          } else if (!d.ok && d.code !== "NONODE") whole = false;
        }
        if (whole) this.cache.take(service, list, "");
      } else if (c.code === "SESSIONEXPIRED") this.session.expired();
      else this.rt.metrics.count("registry.client.fetch-failed");
      await this.session.waitFor(dir, c.ok ? this.o.fetchIntervalUs : Math.min(this.o.fetchIntervalUs, 100 * MS));
    }
  }

  handleMessage(msg: Message): boolean {
    if (msg.type !== ZK_MSG.watchEvent) return false;
    this.session.event(msg.body as ZkWatchEvent);
    return true;
  }
}
