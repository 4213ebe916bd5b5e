import type { Micros } from "../../core/time";
import type { Message, Runtime } from "../../node/runtime-api";
import type { InstanceInfo, InstanceStatus, InstanceView, RenewReply, ServiceSnapshot } from "./registry-types";
import { REGISTRY_MSG } from "./registry-types";
import type { RegistryClientOptions } from "./client-options";
import { routable, sameIds, viewIds } from "./routable";
import { REGISTRY_KIND } from "./registry-server";
import type { Registration, RegistryBackend } from "./backends/registry-backend";
import { KvRegistry } from "./backends/kv-registry";
import { ZookeeperRegistry } from "./backends/zookeeper-registry";

export type { Registration } from "./backends/registry-backend";

interface CacheEntry {
  /** The routable instances of the last answer taken. */
  instances: InstanceView[];
  ids: string[];
  /** Local time of the last answer taken, or null before the first. */
  fetchedAt: Micros | null;
  /** Resolves waiters for the first answer. */
  waiters: Array<() => void>;
}

/**
 * The registry client library that runs inside a process: it registers the process and renews
 * its lease on a timer (registering again when a server answers "not found"), and it keeps a
 * cache of the services the process calls, refreshed every fetch interval and, with `watch`, on
 * every push. It talks to one server at a time and fails over to the next on an error, as
 * Eureka's client does. When no server answers, it keeps serving what it last knew: that is the
 * AP choice, and the reason stale routing can happen at all.
 *
 * The hosting process must hand it every one-way message (`handleMessage`) so pushes arrive.
 * History: `registry-start` (role client) when built, and `registry-view` (role client) whenever
 * the routable instances of a cached service change.
 *
 * With `backend` other than `peer`, the same methods are answered by a CP store instead
 * (backends/: etcd, zookeeper, consul-catalog, nacos), so the proxy and the backends that hold a
 * RegistryClient run unchanged against either kind of registry.
 */
export class RegistryClient implements RegistryBackend {
  readonly servers: string[];
  private current = 0;
  private registration: InstanceInfo | null = null;
  private readonly cache = new Map<string, CacheEntry>();
  private readonly listeners: Array<(service: string, instances: readonly InstanceView[]) => void> = [];
  private fetchLoop = false;

  /** The CP store that answers instead of the peer servers, when `backend` names one. */
  private readonly store: RegistryBackend | null;

  constructor(private readonly rt: Runtime, readonly options: RegistryClientOptions) {
    const b = options.backend;
    this.store = b === "peer" ? null : b === "zookeeper" ? new ZookeeperRegistry(rt, options) : new KvRegistry(rt, options, b);
    this.servers = this.store ? [] : orderServers(rt, options);
    if (!this.store) rt.record("registry-start", { role: "client" });
  }

  /** Registers this process and starts renewing; with anti-entropy, also re-sends it periodically. */
  register(r: Registration): void {
    if (this.store) return this.store.register(r);
    const rt = this.rt;
    this.registration = {
      service: r.service, id: r.id ?? rt.address, address: rt.address, ip: rt.ip, zone: rt.zone,
      weight: r.weight ?? 1, status: r.status ?? "UP", dirty: rt.now(),
    };
    void this.sendRegistration();
    const renew = () => {
      void this.renew();
      rt.setTimer(this.options.renewalIntervalUs, renew, "registry-renew");
    };
    rt.setTimer(this.options.renewalIntervalUs, renew, "registry-renew");
    if (this.options.antiEntropyIntervalUs > 0) {
      const sync = () => {
        void this.sendRegistration();
        rt.setTimer(this.options.antiEntropyIntervalUs, sync, "anti-entropy");
      };
      rt.setTimer(this.options.antiEntropyIntervalUs, sync, "anti-entropy");
    }
  }

  /** Cancels the registration (a graceful shutdown): renewals stop, the server removes it. */
  async deregister(): Promise<void> {
    if (this.store) return this.store.deregister();
    const reg = this.registration;
    if (!reg) return;
    this.registration = null;
    await this.callServer(REGISTRY_MSG.cancel, { service: reg.service, id: reg.id }).catch(() => undefined);
  }

  /** Changes this instance's status (OUT_OF_SERVICE to drain, UP to return). */
  async setStatus(status: InstanceStatus): Promise<void> {
    if (this.store) return this.store.setStatus(status);
    const reg = this.registration;
    if (!reg) return;
    reg.status = status;
    reg.dirty = this.rt.now();
    await this.callServer(REGISTRY_MSG.status, { service: reg.service, id: reg.id, status, dirty: reg.dirty }).catch(() => undefined);
  }

  /**
   * The routable instances of `service` from the cache. The first call for a service starts
   * tracking it (and fetches it at once); until that answer arrives the list is empty.
   */
  instances(service: string): readonly InstanceView[] {
    if (this.store) return this.store.instances(service);
    return this.entry(service).instances;
  }

  /** True once an answer for `service` has been taken into the cache. */
  hasAnswer(service: string): boolean {
    if (this.store) return this.store.hasAnswer(service);
    return this.entry(service).fetchedAt !== null;
  }

  /** Resolves once the cache holds an answer for `service`, or after `maxWait`. */
  whenReady(service: string, maxWait: Micros): Promise<void> {
    if (this.store) return this.store.whenReady(service, maxWait);
    const e = this.entry(service);
    if (e.fetchedAt !== null) return Promise.resolve();
    return Promise.race([
      new Promise<void>((resolve) => e.waiters.push(resolve)),
      this.rt.sleep(maxWait),
    ]);
  }

  /** Calls `listener` whenever a cached service's routable instances change. */
  onChange(listener: (service: string, instances: readonly InstanceView[]) => void): void {
    if (this.store) return this.store.onChange(listener);
    this.listeners.push(listener);
  }

  /** Takes a push from a server; returns false for messages that are not the registry's. */
  handleMessage(msg: Message): boolean {
    if (this.store) return this.store.handleMessage(msg);
    if (msg.type !== REGISTRY_MSG.push) return false;
    const snap = msg.body as ServiceSnapshot;
    // A push is taken only for a service that already has an answer: the first answer always
    // comes from a fetch, whose continuation is where waiters may be resumed.
    if (this.cache.get(snap.service)?.fetchedAt != null) this.take(snap);
    return true;
  }

  private entry(service: string): CacheEntry {
    let e = this.cache.get(service);
    if (!e) {
      e = { instances: [], ids: [], fetchedAt: null, waiters: [] };
      this.cache.set(service, e);
      void this.fetch(service);
      this.startFetchLoop();
    }
    return e;
  }

  private startFetchLoop(): void {
    if (this.fetchLoop) return;
    this.fetchLoop = true;
    const tick = () => {
      for (const service of [...this.cache.keys()]) void this.fetch(service);
      this.rt.setTimer(this.options.fetchIntervalUs, tick, "registry-fetch");
    };
    this.rt.setTimer(this.options.fetchIntervalUs, tick, "registry-fetch");
  }

  private async fetch(service: string): Promise<void> {
    try {
      const snap = await this.callServer<ServiceSnapshot>(REGISTRY_MSG.query, { service, watch: this.options.watch });
      this.take(snap);
    } catch {
      this.rt.metrics.count("registry.client.fetch-failed");
    }
  }

  /** Puts an answer into the cache, unless the cache-never-expires bug keeps the first forever. */
  private take(snap: ServiceSnapshot): void {
    const e = this.cache.get(snap.service);
    if (!e) return;
    if (this.options.bug === "cache-never-expires" && e.fetchedAt !== null) return;
    const first = e.fetchedAt === null;
    e.fetchedAt = this.rt.now();
    const instances = routable(snap, this.options.filterOnlyUp);
    const ids = viewIds(instances);
    const changed = first || !sameIds(ids, e.ids);
    e.instances = instances;
    e.ids = ids;
    if (changed) {
      this.rt.record("registry-view", { role: "client", service: snap.service, ids, server: snap.server });
      for (const l of this.listeners) l(snap.service, instances);
    }
    if (first) for (const w of e.waiters.splice(0)) w();
  }

  private async sendRegistration(): Promise<void> {
    const reg = this.registration;
    if (!reg) return;
    await this.callServer(REGISTRY_MSG.register, { info: { ...reg } }).catch(() => undefined);
  }

  private async renew(): Promise<void> {
    const reg = this.registration;
    if (!reg) return;
    try {
      const reply = await this.callServer<RenewReply>(REGISTRY_MSG.renew, { service: reg.service, id: reg.id });
      if (!reply.ok && reply.reason === "not-found") await this.sendRegistration();
    } catch {
      this.rt.metrics.count("registry.client.renew-failed");
    }
  }

  /** One call, to the current server and then the others in turn; the one that answers sticks. */
  private async callServer<R>(type: string, body: unknown): Promise<R> {
    let last: unknown = new Error(`${this.rt.address}: no registry servers (add a process of kind "${REGISTRY_KIND}" or set servers)`);
    for (let i = 0; i < this.servers.length; i++) {
      const k = (this.current + i) % this.servers.length;
      try {
        const r = await this.rt.call<R>(this.servers[k], type, body, { timeout: this.options.callTimeoutUs });
        this.current = k;
        return r;
      } catch (e) {
        last = e;
      }
    }
    throw last;
  }
}

/** The servers in the order this client tries them: own zone first, shuffled within each group. */
function orderServers(rt: Runtime, o: RegistryClientOptions): string[] {
  const dir = rt.directory();
  const list = o.servers ?? dir.filter((p) => p.kind === REGISTRY_KIND).map((p) => p.address);
  const zoneOf = (a: string) => dir.find((p) => p.address === a)?.zone;
  const mine = list.filter((a) => zoneOf(a) === rt.zone);
  const others = list.filter((a) => zoneOf(a) !== rt.zone);
  return o.shuffleServers ? [...rt.random.shuffle(mine), ...rt.random.shuffle(others)] : [...mine, ...others];
}
