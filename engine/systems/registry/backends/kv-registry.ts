import type { Json } from "../../../core/json";
import type { Micros } from "../../../core/time";
import type { Message, Runtime } from "../../../node/runtime-api";
import { ETCD_MSG } from "../../consensus/kv-state-machine";
import type { KvEvent } from "../../consensus/kv-state-machine";
import { REGISTRY_ROOTS, registryKey, registryKeyOf, routableRecord } from "../../consensus/registry-view-recorder";
import type { InstanceInfo, InstanceStatus, InstanceView } from "../registry-types";
import type { RegistryClientOptions } from "../client-options";
import type { Registration, RegistryBackend } from "./registry-backend";
import { CachedDiscovery, ViewCache } from "./registry-backend";
import { KvConnection } from "./kv-connection";

/** The CP registries built on the Raft key-value store, and the server kind each talks to. */
export const KV_REGISTRY_SERVER_KIND = { etcd: "etcd-server", "consul-catalog": "consul-server", nacos: "nacos-server" } as const;

/** One of the KV-backed registries. */
export type KvFlavour = keyof typeof KV_REGISTRY_SERVER_KIND;

/** What a discovering client knows of one service: the records, checks and health verdicts, as of `rev`. */
interface Known {
  rev: number;
  records: Map<string, Json>;
  checks: Set<string>;
  health: Map<string, Json>;
}

/**
 * A CP registry client on the Raft key-value store (registry-view-recorder.ts has the key
 * layout). Registration is a write through the leader, so a client that cannot reach a
 * majority's leader cannot register (counted as `registry.client.register-refused`):
 *
 * - `etcd`: the record is put under a lease of `leaseTtlUs`, kept alive every third of the TTL
 *   (clientv3's keep-alive loop); when the leader sees no keep-alive for a TTL it revokes the
 *   lease, deleting the record (a delete event). A keep-alive answered "lease not found" makes
 *   the client grant a new lease and put the record again.
 * - `consul-catalog`: the record stays in the catalog until deregistered; its TTL check
 *   (`checkTtlUs`) is a key under a lease of the check's TTL, passed every third of it. An
 *   instance without a passing check is not returned (the health endpoint's `?passing`).
 * - `nacos` with `ephemeral: false`: a persistent record, never expired; the server's health
 *   checker (nacos-health-check) writes `/health/<service>/<id>` false when a probe fails.
 *
 * Discovery: a range read of the service's prefixes (etcd: linearizable, or serializable with
 * `serializable`; Consul: its `consistency` mode; Nacos: the server's local state), then a
 * prefix watch from the next revision at the server it talks to, renewed at every refresh
 * (`fetchIntervalUs`). When the store cannot answer, the client keeps the list it had, as
 * etcd's gRPC resolver and Consul's and Nacos's client caches do: the CP store refuses, the
 * client's cache does not.
 */
export class KvRegistry extends CachedDiscovery implements RegistryBackend {
  private readonly conn: KvConnection;
  protected readonly cache: ViewCache;
  private readonly known = new Map<string, Known>();
  private info: InstanceInfo | null = null;
  private lease = 0;
  private generation = 0;

  constructor(private readonly rt: Runtime, private readonly o: RegistryClientOptions, private readonly flavour: KvFlavour) {
    super();
    const kind = KV_REGISTRY_SERVER_KIND[flavour];
    const servers = o.servers ?? rt.directory().filter((p) => p.kind === kind).map((p) => p.address);
    if (servers.length === 0) throw new Error(`${rt.address}: registry backend ${flavour} needs servers (add processes of kind "${kind}" or set servers)`);
    this.conn = new KvConnection(rt, servers, o.callTimeoutUs);
    this.cache = new ViewCache(rt, (service) => void this.discover(service));
    rt.record("registry-start", { role: "client", backend: flavour });
  }

  private get ttl(): Micros {
    return this.flavour === "etcd" ? this.o.leaseTtlUs : this.o.checkTtlUs;
  }

  private record(info: InstanceInfo): Json {
    return { ...info, ...(this.flavour === "consul-catalog" ? { check: true } : {}) } as unknown as Json;
  }

  register(r: Registration): void {
    const rt = this.rt;
    this.info = { service: r.service, id: r.id ?? rt.address, address: rt.address, ip: rt.ip, zone: rt.zone, weight: r.weight ?? 1, status: r.status ?? "UP", dirty: rt.now() };
    const generation = ++this.generation;
    void this.keepRegistered(generation);
  }

  /** Registers, then keeps the registration alive, until deregistered. */
  private async keepRegistered(generation: number): Promise<void> {
    let registered = false;
    while (this.generation === generation && this.info) {
      if (!registered) {
        registered = await this.putRegistration();
        if (!registered) this.rt.metrics.count("registry.client.register-refused");
      } else if (this.flavour !== "nacos") {
        const r = await this.conn.call(ETCD_MSG.leaseKeepAlive, { id: this.lease });
        if (!r.ok) this.rt.metrics.count("registry.client.renew-failed");
        else if (r.body.ok === false) registered = false;
      }
      if (this.flavour === "nacos" && registered) return;
      await this.rt.sleep(Math.max(1, Math.floor(this.ttl / 3)));
    }
  }

  /** One attempt at the whole registration: a lease (etcd, Consul's check) and the record. */
  private async putRegistration(): Promise<boolean> {
    const info = this.info!;
    const key = registryKey("services", info.service, info.id);
    if (this.flavour === "nacos") {
      const r = await this.conn.call(ETCD_MSG.put, { key, value: this.record(info) });
      return r.ok && r.body.ok !== false;
    }
    const g = await this.conn.call(ETCD_MSG.leaseGrant, { ttl: this.ttl });
    if (!g.ok) return false;
    this.lease = Number(g.body.id);
    if (this.flavour === "etcd") {
      const r = await this.conn.call(ETCD_MSG.put, { key, value: this.record(info), lease: this.lease });
      return r.ok && r.body.ok !== false;
    }
    const r = await this.conn.call(ETCD_MSG.put, { key, value: this.record(info) });
    if (!r.ok) return false;
    const c = await this.conn.call(ETCD_MSG.put, { key: registryKey("checks", info.service, info.id), value: "passing", lease: this.lease });
    return c.ok && c.body.ok !== false;
  }

  async deregister(): Promise<void> {
    const info = this.info;
    if (!info) return;
    this.info = null;
    this.generation++;
    if (this.flavour !== "nacos" && this.lease) await this.conn.call(ETCD_MSG.leaseRevoke, { id: this.lease });
    if (this.flavour !== "etcd") await this.conn.call(ETCD_MSG.delete, { key: registryKey("services", info.service, info.id) });
  }

  async setStatus(status: InstanceStatus): Promise<void> {
    const info = this.info;
    if (!info) return;
    info.status = status;
    info.dirty = this.rt.now();
    await this.conn.call(ETCD_MSG.put, { key: registryKey("services", info.service, info.id), value: this.record(info), ...(this.flavour === "etcd" ? { lease: this.lease } : {}) });
  }

  /** The prefixes a service's discovery reads and watches. */
  private prefixes(service: string): string[] {
    const extra = this.flavour === "consul-catalog" ? [REGISTRY_ROOTS.checks] : this.flavour === "nacos" ? [REGISTRY_ROOTS.health] : [];
    return [REGISTRY_ROOTS.services, ...extra].map((root) => `${root}/${service}/`);
  }

  /** The read options of a discovery query, by the store's documented read modes. */
  private readMode(): Record<string, Json> {
    if (this.flavour === "etcd") return { serializable: this.o.serializable };
    if (this.flavour === "nacos") return { serializable: true };
    return this.o.consistency === "stale" ? { serializable: true } : this.o.consistency === "default" ? { leaderLocal: true } : {};
  }

  private async discover(service: string): Promise<void> {
    for (;;) {
      await this.refresh(service);
      await this.rt.sleep(this.o.fetchIntervalUs);
    }
  }

  /** Reads the service's prefixes; on an answer replaces what is known and watches from there. */
  private async refresh(service: string): Promise<void> {
    const k: Known = { rev: 0, records: new Map(), checks: new Set(), health: new Map() };
    let server = "";
    for (const prefix of this.prefixes(service)) {
      const r = await this.conn.call(ETCD_MSG.get, { key: prefix, prefix: true, ...this.readMode() });
      if (!r.ok) { this.rt.metrics.count("registry.client.fetch-failed"); return; }
      server = r.server;
      k.rev = Math.max(k.rev, Number(r.body.rev));
      for (const kv of r.body.kvs as Array<{ key: string; value: Json }>) this.apply(k, { type: "put", key: kv.key, rev: k.rev, value: kv.value });
    }
    const before = this.known.get(service);
    // A range read older than what the watch already delivered is not taken.
    if (before && before.rev > k.rev) return;
    this.known.set(service, k);
    this.publish(service, k, server);
    for (const prefix of this.prefixes(service)) {
      void this.conn.call(ETCD_MSG.watch, { key: prefix, prefix: true, from: k.rev + 1, to: this.rt.address });
    }
  }

  private apply(k: Known, e: KvEvent): void {
    const r = registryKeyOf(e.key);
    if (!r) return;
    if (r.root === "services") { if (e.type === "put") k.records.set(r.id, e.value); else k.records.delete(r.id); }
    else if (r.root === "checks") { if (e.type === "put") k.checks.add(r.id); else k.checks.delete(r.id); }
    else if (e.type === "put") k.health.set(r.id, e.value);
    else k.health.delete(r.id);
  }

  private publish(service: string, k: Known, server: string): void {
    const list: InstanceView[] = [];
    for (const [id, rec] of k.records) {
      if (!routableRecord(rec, k.checks.has(id), k.health.get(id))) continue;
      const v = rec as unknown as InstanceInfo;
      list.push({ service, id, address: v.address, ip: v.ip, zone: v.zone, weight: v.weight, status: v.status, dirty: v.dirty, healthy: true });
    }
    list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    this.cache.take(service, list, server);
  }

  handleMessage(msg: Message): boolean {
    if (msg.type !== ETCD_MSG.watchEvents) return false;
    const body = msg.body as { key: string; events: KvEvent[] };
    const service = body.key.split("/")[2];
    const k = service === undefined ? undefined : this.known.get(service);
    if (!k) return true;
    let changed = false;
    for (const e of body.events) {
      // Every event carries the store's revision, so one counter orders the prefixes; events of
      // the revision already read may come again (one lease revoke deletes keys at one revision),
      // and puts and deletes are idempotent, so only older ones are dropped.
      if (e.rev < k.rev) continue;
      this.apply(k, e);
      k.rev = e.rev;
      changed = true;
    }
    if (changed) this.publish(service, k, msg.from);
    return true;
  }
}
