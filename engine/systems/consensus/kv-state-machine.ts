import type { Json } from "../../core/json";
import type { Micros } from "../../core/time";
import type { ApplyContext, Classified, StateMachine, StateMachineContext } from "./state-machine";
import { REGISTRY_ROOTS, RegistryViewRecorder, registryKeyOf, routableRecord } from "./registry-view-recorder";

/** One key as etcd keeps it: value, the revisions that created and last modified it, its version, its lease. */
export interface KeyValue {
  value: Json;
  createRev: number;
  modRev: number;
  version: number;
  lease: number;
}

/** A change to a key, as watches deliver it. */
export interface KvEvent {
  type: "put" | "delete";
  key: string;
  rev: number;
  value: Json;
}

/** The KV server's request types (etcd's KV, Lease and Watch services, much reduced). */
export const ETCD_MSG = {
  put: "kv.put",
  get: "kv.get",
  delete: "kv.delete",
  /** A one-branch txn: if the key's value equals `expect` (null: absent), put `value`. */
  cas: "kv.cas",
  leaseGrant: "lease.grant",
  leaseKeepAlive: "lease.keep-alive",
  leaseRevoke: "lease.revoke",
  watch: "kv.watch",
  /** One-way, server to watcher: events from the requested revision on, in revision order. */
  watchEvents: "kv.watch-events",
} as const;

interface State {
  rev: number;
  keys: Record<string, KeyValue>;
  /** lease id -> TTL in microseconds and the keys attached. */
  leases: Record<string, { ttl: Micros; keys: string[] }>;
  /** The newest events, oldest first; revisions below `compacted` are gone. */
  events: KvEvent[];
  compacted: number;
  /** The revision at which each deleted key was deleted, so a read of an absent key still says how new it is. */
  gone: Record<string, number>;
}

/** How many events the state keeps for watches that start from an old revision. */
const EVENT_HISTORY = 5000;

/**
 * An etcd-like key-value state machine, replicated by Raft: every put and delete makes a new
 * store revision; a compare-and-swap is a one-branch transaction; a lease has a TTL, keys put
 * with it are deleted (with delete events) when it is revoked or expires. Expiry is decided by
 * the leader's clock, as in etcd: the leader tracks each lease's deadline, refreshed by
 * keep-alives and extended whole when a new leader takes over, and proposes a revoke through
 * the log when one passes. Watches are kept at the server that took them and fed from the
 * applied events, starting at the requested revision (an event history of 5,000 events;
 * older starting revisions are compacted and cancel the watch, as etcd does).
 */
export function kvStateMachine(ctx: StateMachineContext): StateMachine {
  let s: State = { rev: 0, keys: {}, leases: {}, events: [], compacted: 0, gone: {} };
  // Leader-only: lease deadlines by the leader's local clock, and revokes already proposed.
  const deadlines = new Map<string, Micros>();
  const revoking = new Set<string>();
  const watchers: Array<{ to: string; key: string; prefix: boolean; next: number }> = [];
  const matches = (w: { key: string; prefix: boolean }, key: string) => (w.prefix ? key.startsWith(w.key) : w.key === key);
  // Keys under the registry roots (registry-view-recorder.ts) also record what discovery sees.
  const views = new RegistryViewRecorder(ctx.record);
  let expiring = false;
  const viewOf = (service: string) => {
    const base = `${REGISTRY_ROOTS.services}/${service}/`;
    return Object.keys(s.keys).filter((k) => k.startsWith(base)).map((k) => k.slice(base.length))
      .filter((id) => routableRecord(s.keys[base + id].value, s.keys[`${REGISTRY_ROOTS.checks}/${service}/${id}`] !== undefined, s.keys[`${REGISTRY_ROOTS.health}/${service}/${id}`]?.value))
      .map((id) => decodeURIComponent(id));
  };

  const event = (e: KvEvent) => {
    s.events.push(e);
    if (s.events.length > EVENT_HISTORY) s.compacted = s.events.shift()!.rev + 1;
    ctx.record("kv-event", { type: e.type, key: e.key, rev: e.rev });
    const r = registryKeyOf(e.key);
    if (r) {
      const cause = e.type === "delete" ? (expiring ? "evict" : "cancel") : r.root === "services" ? "register" : e.value === false ? "unhealthy" : "renew";
      views.update(r.service, viewOf(r.service), cause);
    }
    for (const w of watchers) if (matches(w, e.key) && e.rev >= w.next) { w.next = e.rev + 1; ctx.send(w.to, ETCD_MSG.watchEvents, { key: w.key, events: [e as unknown as Json] }); }
  };
  const del = (key: string) => {
    const kv = s.keys[key];
    if (!kv) return false;
    delete s.keys[key];
    s.gone[key] = s.rev;
    if (kv.lease && s.leases[kv.lease]) s.leases[kv.lease].keys = s.leases[kv.lease].keys.filter((k) => k !== key);
    event({ type: "delete", key, rev: s.rev, value: null });
    return true;
  };
  const put = (key: string, value: Json, lease: number) => {
    const old = s.keys[key];
    if (old?.lease && old.lease !== lease && s.leases[old.lease]) s.leases[old.lease].keys = s.leases[old.lease].keys.filter((k) => k !== key);
    delete s.gone[key];
    s.keys[key] = { value, createRev: old ? old.createRev : s.rev, modRev: s.rev, version: (old?.version ?? 0) + 1, lease };
    if (lease && !s.leases[lease].keys.includes(key)) s.leases[lease].keys.push(key);
    event({ type: "put", key, rev: s.rev, value });
  };
  const str = (v: unknown, what: string) => {
    if (typeof v !== "string" || v === "") throw new Error(`${what} must be a non-empty string`);
    return v;
  };

  return {
    classify(type, body): Classified {
      const b = (body ?? {}) as Record<string, Json>;
      switch (type) {
        case ETCD_MSG.get: return { read: { key: str(b.key, "key"), ...(b.prefix === true ? { prefix: true } : {}) }, serializable: b.serializable === true, ...(b.leaderLocal === true ? { leaderLocal: true } : {}) };
        case ETCD_MSG.put: return { write: { op: "put", key: str(b.key, "key"), value: b.value ?? null, lease: typeof b.lease === "number" ? b.lease : 0 } };
        case ETCD_MSG.delete: return { write: { op: "delete", key: str(b.key, "key") } };
        case ETCD_MSG.cas: return { write: { op: "cas", key: str(b.key, "key"), expect: b.expect ?? null, value: b.value ?? null } };
        case ETCD_MSG.leaseGrant:
          if (typeof b.ttl !== "number" || b.ttl <= 0) throw new Error("lease.grant needs a ttl in microseconds above zero");
          return { write: { op: "lease-grant", ttl: b.ttl } };
        case ETCD_MSG.leaseKeepAlive: return { write: { op: "lease-keep-alive", id: Number(b.id) } };
        case ETCD_MSG.leaseRevoke: return { write: { op: "lease-revoke", id: Number(b.id) } };
        case ETCD_MSG.watch: return { read: { watch: str(b.key, "key"), from: typeof b.from === "number" ? b.from : 0, to: str(b.to, "to"), ...(b.prefix === true ? { prefix: true } : {}) }, serializable: true };
      }
      throw new Error(`unknown request type "${type}"`);
    },
    apply(cmd: Json, a: ApplyContext): Json {
      const c = cmd as Record<string, Json>;
      const key = c.key as string;
      switch (c.op) {
        case "put": {
          const lease = c.lease as number;
          if (lease && !s.leases[lease]) return { ok: false, error: "lease not found", rev: s.rev };
          s.rev++;
          put(key, c.value, lease);
          return { ok: true, rev: s.rev };
        }
        case "delete": {
          const had = s.keys[key] !== undefined;
          if (had) { s.rev++; del(key); }
          return { ok: true, rev: had ? s.rev : 0, deleted: had ? 1 : 0 };
        }
        case "cas": {
          const cur = s.keys[key]?.value ?? null;
          if (JSON.stringify(cur) !== JSON.stringify(c.expect)) return { ok: true, succeeded: false, rev: s.rev, value: cur };
          s.rev++;
          put(key, c.value, 0);
          return { ok: true, succeeded: true, rev: s.rev };
        }
        case "lease-grant": {
          // The log index is the same on every replica, so it makes a lease id they all agree on.
          const id = a.index;
          s.leases[id] = { ttl: c.ttl as number, keys: [] };
          if (a.leader) deadlines.set(String(id), ctx.now() + (c.ttl as number));
          ctx.record("lease-granted", { id, ttl: c.ttl });
          return { ok: true, id, ttl: c.ttl };
        }
        case "lease-keep-alive": {
          const l = s.leases[c.id as number];
          if (!l) return { ok: false, error: "lease not found" };
          if (a.leader) deadlines.set(String(c.id), ctx.now() + l.ttl);
          return { ok: true, id: c.id, ttl: l.ttl };
        }
        case "lease-revoke": {
          const id = c.id as number;
          const l = s.leases[id];
          revoking.delete(String(id));
          deadlines.delete(String(id));
          if (!l) return { ok: false, error: "lease not found" };
          if (l.keys.length > 0) s.rev++;
          // del() takes each key off the lease, so the record lists the keys as they were.
          const keys = [...l.keys];
          expiring = c.expired === true;
          for (const k of keys) del(k);
          expiring = false;
          delete s.leases[id];
          ctx.record("lease-revoked", { id, keys, expired: c.expired === true });
          return { ok: true, rev: s.rev };
        }
      }
      throw new Error(`unknown command ${JSON.stringify(cmd)}`);
    },
    query(q: Json): Json {
      const r = q as Record<string, Json>;
      if (typeof r.watch === "string") {
        const from = r.from as number;
        if (from > 0 && from < s.compacted) return { ok: false, canceled: true, compactRevision: s.compacted, rev: s.rev };
        const w = { to: r.to as string, key: r.watch, prefix: r.prefix === true, next: Math.max(from, 1) };
        const backlog = s.events.filter((e) => matches(w, e.key) && e.rev >= w.next);
        if (backlog.length > 0) w.next = backlog[backlog.length - 1].rev + 1;
        // A prefix watcher asking again (a registry client that missed events) replaces its old watch.
        if (w.prefix) { const old = watchers.findIndex((x) => x.prefix && x.to === w.to && x.key === w.key); if (old >= 0) watchers.splice(old, 1); }
        watchers.push(w);
        return { ok: true, rev: s.rev, events: backlog as unknown as Json };
      }
      const key = r.key as string;
      if (r.prefix === true) {
        // etcd's range over [key, key+1): every key with the prefix, in key order.
        const kvs = Object.keys(s.keys).filter((k) => k.startsWith(key)).sort().map((k) => ({ key: k, value: s.keys[k].value, modRev: s.keys[k].modRev, lease: s.keys[k].lease }));
        return { ok: true, rev: s.rev, kvs };
      }
      const kv = s.keys[key];
      return { ok: true, rev: s.rev, value: kv?.value ?? null, modRev: kv?.modRev ?? s.gone[key] ?? 0, version: kv?.version ?? 0 };
    },
    snapshot: () => structuredClone(s) as unknown as Json,
    restore(state: Json) {
      s = structuredClone(state) as unknown as State;
    },
    tick(now: Micros): Json[] {
      const out: Json[] = [];
      for (const [id, at] of deadlines) {
        if (at > now || revoking.has(id)) continue;
        revoking.add(id);
        out.push({ op: "lease-revoke", id: Number(id), expired: true });
      }
      return out;
    },
    onLeaderChange(leading: boolean, now: Micros) {
      deadlines.clear();
      revoking.clear();
      // A new leader extends every lease by its whole TTL (etcd: "a new leader extends leases").
      if (leading) for (const [id, l] of Object.entries(s.leases)) deadlines.set(id, now + l.ttl);
    },
  };
}
