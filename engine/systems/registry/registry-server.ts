import type { Json } from "../../core/json";
import type { Micros } from "../../core/time";
import type { Message, ProcessFactory, Runtime } from "../../node/runtime-api";
import type { InstanceInfo, RegistryCommand, RenewReply, ReplicateBody, ServiceSnapshot } from "./registry-types";
import { REGISTRY_MSG } from "./registry-types";
import type { RegistryServerOptions } from "./server-options";
import { resolveServerOptions } from "./server-options";
import { registryProfile } from "./registry-profiles";
import { MemoryRegistryStore } from "./registry-store";
import type { RegistryStore } from "./registry-store";
import { RegistryState } from "./registry-state";
import type { CommandOrigin } from "./registry-state";
import { PeerReplicator } from "./peer-replicator";
import { ResponseCache } from "./response-cache";
import { Watchers } from "./watchers";
import { routable, sameIds, viewIds } from "./routable";
import { metricTail } from "./metric-names";

/** The process kind name of registry servers: clients and peers find them by it. */
export const REGISTRY_KIND = "registry";

/** Why a server's view of a service changed, as recorded in `registry-view`. */
export type ViewCause = "register" | "renew" | "cancel" | "status" | "evict" | "unhealthy" | "delete" | "replicate" | "sync";

/** The state a registry server publishes for the visualizer. */
export interface RegistryServerState {
  services: Record<string, Array<{ id: string; status: string; healthy: boolean }>>;
  selfPreservation: { expected: number; threshold: number; renewsLastMinute: number; expiryEnabled: boolean };
  watchers: number;
}

/**
 * A registry server. It accepts registrations, renewals, cancels and status changes from
 * clients, answers queries (through Eureka's response cache when configured), pushes changes to
 * watchers, expires leases on a timer (Eureka eviction with self-preservation, or Nacos-style
 * unhealthy-then-deleted), and replicates client commands to its peers asynchronously. Its
 * records live in memory: a crash loses them, and a restarted server syncs from a peer.
 *
 * History: `registry-start` at every start, and `registry-view` whenever the set of instances a
 * query would route to changes (`role: "server"`), which is what the registry checkers read.
 */
export const registryServer: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  const where = `registry ${rt.address}`;
  const options = resolveServerOptions(config, registryProfile(config.profile, where).server, where);
  const state = new RegistryState(options, new MemoryRegistryStore(), rt.now());
  const peers = options.peers ?? rt.directory().filter((p) => p.kind === REGISTRY_KIND && p.address !== rt.address).map((p) => p.address);
  const replicator = new PeerReplicator(rt, peers, options);
  const cache = new ResponseCache(options.responseCacheUpdateIntervalUs);
  const watchers = new Watchers();
  const views = new Map<string, string[]>();
  const compute = (service: string): ServiceSnapshot => state.snapshot(service, rt.now(), rt.address);

  /** Records and pushes the new view of each changed service. */
  const changed = (services: readonly string[], cause: ViewCause): void => {
    for (const service of new Set(services)) {
      const snap = compute(service);
      const ids = viewIds(routable(snap));
      const before = views.get(service) ?? [];
      if (sameIds(before, ids)) continue;
      views.set(service, ids);
      const added = ids.filter((id) => !before.includes(id));
      const removed = before.filter((id) => !ids.includes(id));
      rt.record("registry-view", { role: "server", service, ids, added, removed, cause });
      for (const to of watchers.targets(service, rt.now())) rt.send(to, REGISTRY_MSG.push, snap);
    }
    publish();
  };

  const publish = (): void => {
    const now = rt.now();
    rt.publish<RegistryServerState>((s) => {
      s.services = {};
      for (const service of state.store.services()) {
        s.services[service] = state.store.list(service).map((r) => ({ id: r.info.id, status: r.info.status, healthy: r.healthy }));
      }
      s.selfPreservation = {
        expected: state.sp.expected, threshold: state.sp.threshold,
        renewsLastMinute: state.sp.renewsLastMinute(now), expiryEnabled: state.sp.leaseExpirationEnabled(now),
      };
      s.watchers = watchers.count(now);
    });
  };

  const apply = (cmd: RegistryCommand, origin: CommandOrigin): boolean => {
    const r = state.apply(cmd, rt.now());
    if (cmd.op === "renew") rt.metrics.count("registry.renews");
    if (r.changed.length > 0) changed(r.changed, origin === "client" ? cmd.op : origin === "sync" ? "sync" : "replicate");
    return r.found;
  };

  const fromClient = (cmd: RegistryCommand): boolean => {
    const found = apply(cmd, "client");
    if (found) {
      const info = cmd.op === "renew" ? state.store.get(cmd.service, cmd.id)?.info : undefined;
      replicator.enqueue(info ? { ...cmd, info } : cmd);
    }
    return found;
  };

  /** A peer's batch. A renewal of an unknown or older record re-registers it (Eureka's 404 path). */
  const fromPeer = (body: ReplicateBody): void => {
    for (const op of body.ops) {
      if (op.op === "renew" && op.info) {
        const have = state.store.get(op.service, op.id);
        if (!have || op.info.dirty > have.info.dirty) {
          apply({ op: "register", info: op.info }, "replication");
          continue;
        }
      }
      apply(op, "replication");
    }
  };

  const expireTick = (): void => {
    const r = state.expire(rt.now(), rt.random);
    const services = new Set<string>();
    for (const rec of r.removed) {
      services.add(rec.info.service);
      rt.metrics.count(options.onExpiry === "evict" ? "registry.evictions" : "registry.deletions");
    }
    for (const rec of r.marked) services.add(rec.info.service);
    const cause: ViewCause = options.onExpiry === "evict" ? "evict" : r.removed.length > 0 ? "delete" : "unhealthy";
    if (services.size > 0) changed([...services], cause);
    else publish();
    rt.metrics.gauge(`registry.self-preservation.${metricTail(rt.address)}`, r.preserved ? 1 : 0);
    every(options.evictionIntervalUs, expireTick, "evict");
  };

  const every = (delay: Micros, fn: () => void, label: string): void => {
    rt.setTimer(delay, fn, label);
  };

  const syncFromPeers = async (): Promise<void> => {
    for (const peer of peers) {
      try {
        const reply = await rt.call<{ records: InstanceInfo[] }>(peer, REGISTRY_MSG.sync, {}, { timeout: options.replicationTimeoutUs });
        const services: string[] = [];
        for (const info of reply.records) {
          state.apply({ op: "register", info }, rt.now());
          services.push(info.service);
        }
        if (services.length > 0) changed(services, "sync");
        rt.log(`synced ${reply.records.length} instances from ${peer}`);
        return;
      } catch {
        // Try the next peer; Eureka's syncUp also moves on.
      }
    }
  };

  return {
    start() {
      rt.record("registry-start", { role: "server" });
      publish();
      every(options.evictionIntervalUs, expireTick, "evict");
      every(options.renewalThresholdUpdateIntervalUs, function recompute() {
        state.sp.recompute(state.store.size());
        every(options.renewalThresholdUpdateIntervalUs, recompute, "renewal-threshold");
      }, "renewal-threshold");
      if (options.responseCacheUpdateIntervalUs > 0) {
        every(options.responseCacheUpdateIntervalUs, function refresh() {
          cache.refresh(compute);
          every(options.responseCacheUpdateIntervalUs, refresh, "response-cache");
        }, "response-cache");
      }
      if (options.syncOnStart && peers.length > 0) return syncFromPeers();
    },
    request(req: Message): unknown {
      return handle(rt, req, { fromClient, fromPeer, cache, compute, watchers, options, store: state.store });
    },
  };
};

interface Handlers {
  fromClient(cmd: RegistryCommand): boolean;
  fromPeer(body: ReplicateBody): void;
  cache: ResponseCache;
  compute(service: string): ServiceSnapshot;
  watchers: Watchers;
  options: RegistryServerOptions;
  store: RegistryStore;
}

function handle(rt: Runtime, req: Message, h: Handlers): unknown {
  const b = (req.body ?? {}) as Record<string, Json>;
  switch (req.type) {
    case REGISTRY_MSG.register:
      h.fromClient({ op: "register", info: b.info as unknown as InstanceInfo });
      return { ok: true };
    case REGISTRY_MSG.renew: {
      const found = h.fromClient({ op: "renew", service: String(b.service), id: String(b.id) });
      return (found ? { ok: true } : { ok: false, reason: "not-found" }) satisfies RenewReply;
    }
    case REGISTRY_MSG.cancel:
      return { ok: h.fromClient({ op: "cancel", service: String(b.service), id: String(b.id) }) };
    case REGISTRY_MSG.status:
      return { ok: h.fromClient({ op: "status", service: String(b.service), id: String(b.id), status: b.status as never, dirty: Number(b.dirty) }) };
    case REGISTRY_MSG.query: {
      const service = String(b.service);
      if (b.watch === true) h.watchers.add(service, req.from, rt.now() + h.options.watchTtlUs);
      return h.cache.get(service, h.compute);
    }
    case REGISTRY_MSG.replicate:
      h.fromPeer(b as unknown as ReplicateBody);
      return { ok: true };
    case REGISTRY_MSG.sync:
      return { records: h.store.all().map((r) => r.info) };
    default:
      throw new Error(`registry ${rt.address}: unknown request type "${req.type}"; known: ${Object.values(REGISTRY_MSG).join(", ")}`);
  }
}
