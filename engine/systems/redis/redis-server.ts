import type { Json } from "../../core/json";
import { MS, SECOND } from "../../core/time";
import type { Message, ProcessFactory } from "../../node/runtime-api";
import { checkKeys } from "../../options/option-values";
import { readOptions } from "../../options/option-table";
import { REDIS_MSG, respSize } from "./redis-messages";
import type { InfoReply, PsyncReply, PsyncRequest, RedisError, StreamEntry } from "./redis-messages";
import { REDIS_SERVER_OPTIONS } from "./redis-options";
import { ReplicationBacklog } from "./replication-backlog";

/** What a primary knows of one replica. */
interface ReplicaLink {
  ackOffset: number;
  ackAt: number;
  resentAt: number;
}

/** The state a server publishes. */
export interface RedisServerState {
  role: "master" | "slave";
  primary: string | null;
  offset: number;
  replid: string;
  keys: number;
  replicas: string[];
}

const NO_REPLID = "0".repeat(40);

/** The error object a command throws; it reaches the client as a `remote` call error. */
function redisError(code: RedisError["code"], message: string): RedisError {
  return { status: code === "ERR" ? 400 : 503, code, message };
}

/**
 * A Redis server, primary or replica, with Redis's replication [REDIS-R]. A primary executes a
 * write (RPUSH), answers the client, and only then streams it to its replicas: replication is
 * asynchronous, so an acknowledged write may exist on the primary alone. Offsets count the
 * stream's bytes; replicas acknowledge theirs every second (REPLCONF ACK) and at once when the
 * primary asks (REPLCONF GETACK, which WAIT sends). `WAIT numreplicas timeout` answers how many
 * replicas have acknowledged the client's last write, after at most the timeout, and never
 * undoes the write. With `min-replicas-to-write` a primary refuses writes (-NOREPLICAS) while
 * fewer replicas acknowledged within `min-replicas-max-lag` seconds.
 *
 * A replica asks for the stream with PSYNC <replid> <offset>: a primary that has that history
 * in its backlog (under its replication id, or under its previous one up to the offset where
 * it was promoted) continues it; otherwise it sends its whole data set (a full resync), and
 * the replica drops its own, including writes it had and the new primary never got: this is
 * how an old primary that rejoins as a replica loses its unreplicated writes. REPLICAOF NO ONE
 * promotes a replica: it keeps its data, takes a new replication id and remembers the old one.
 * Replicas serve reads and refuse writes (-READONLY). There is no chained replication: a
 * replica refuses PSYNC, so a replica pointed at one keeps its data and serves it, stale,
 * until it is pointed at the primary. Persistence is off: a restart comes back
 * with no data and a new replication id, keeping only its role (as CONFIG REWRITE would).
 *
 * History: `redis-role` (role, primary), `redis-full-resync` (primary, discarded: values it
 * held that the primary's data set lacks), `redis-link` (up). Metrics: `redis.write`,
 * `redis.write.refused`, `redis.full-resync`, `redis.partial-resync`.
 */
export const redisServer: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  const where = `redis-server ${rt.address}`;
  checkKeys(config, Object.keys(REDIS_SERVER_OPTIONS), where);
  const o = readOptions(REDIS_SERVER_OPTIONS, config, where);
  const newReplid = () => Array.from({ length: 40 }, () => "0123456789abcdef"[rt.random.int(16)]).join("");

  // The role survives restarts, as a rewritten redis.conf does; the data does not.
  const saved = rt.disk.read<{ replicaof: string | null }>("redis/config");
  let primary: string | null = saved ? saved.replicaof : o.replicaof === "" ? null : o.replicaof;
  if (!saved) { rt.disk.write("redis/config", { replicaof: primary }); rt.disk.sync(); }
  const data = new Map<string, string[]>();
  let replid = newReplid(), replid2 = NO_REPLID, secondOffset = -1;
  let offset = 0;
  const backlog = new ReplicationBacklog(o["repl-backlog-size"]);
  const replicas = new Map<string, ReplicaLink>();
  // A replica's side of the link.
  let linkUp = false, syncing = false, heardAt = 0;
  const pending = new Map<number, StreamEntry>();
  const waiters: Array<{ offset: number; need: number; done: (n: number) => void }> = [];

  const publish = () => rt.publish<RedisServerState>((s) => {
    s.role = primary === null ? "master" : "slave";
    s.primary = primary;
    s.offset = offset;
    s.replid = replid;
    s.keys = data.size;
    s.replicas = [...replicas.keys()];
  });
  const persistRole = () => { rt.disk.write("redis/config", { replicaof: primary }); rt.disk.sync(); };
  const acked = (at: number) => [...replicas.values()].filter((r) => r.ackOffset >= at).length;
  const good = () => [...replicas.values()].filter((r) => r.ackOffset >= 0 && rt.now() - r.ackAt <= o["min-replicas-max-lag"] * SECOND).length;
  const wake = () => {
    for (let i = waiters.length - 1; i >= 0; i--) {
      const w = waiters[i];
      if (acked(w.offset) < w.need) continue;
      waiters.splice(i, 1);
      w.done(acked(w.offset));
    }
  };

  const apply = (e: StreamEntry) => {
    const list = data.get(e.key) ?? [];
    list.push(e.value);
    data.set(e.key, list);
    offset = e.end;
    backlog.push(e);
  };
  const setLink = (up: boolean) => {
    if (linkUp === up) return;
    linkUp = up;
    rt.record("redis-link", { up, primary });
  };

  const sync = async (): Promise<void> => {
    if (primary === null || syncing) return;
    syncing = true;
    const target = primary;
    try {
      const r = await rt.call<PsyncReply>(target, REDIS_MSG.psync, { replid, offset } satisfies PsyncRequest as unknown as Json, { timeout: o["repl-timeout"] * SECOND });
      if (primary !== target) return;
      if (r.mode === "continue") {
        rt.metrics.count("redis.partial-resync");
        replid = r.replid;
        for (const e of r.entries) if (e.start === offset) apply(e);
      } else {
        rt.metrics.count("redis.full-resync");
        let discarded = 0;
        for (const [k, list] of data) {
          const theirs = new Set(r.data[k] ?? []);
          discarded += list.filter((v) => !theirs.has(v)).length;
        }
        data.clear();
        for (const [k, list] of Object.entries(r.data)) data.set(k, [...list]);
        replid = r.replid; replid2 = NO_REPLID; secondOffset = -1;
        offset = r.offset;
        backlog.clear();
        pending.clear();
        rt.record("redis-full-resync", { primary: target, discarded, offset });
      }
      heardAt = rt.now();
      setLink(true);
      rt.send(target, REDIS_MSG.ack, { offset });
    } catch {
      // The primary is unreachable or refused (it may be a replica itself now): the next
      // cron tick tries again.
    } finally {
      syncing = false;
      publish();
    }
  };

  const write = (key: string, value: string) => {
    if (primary !== null) throw redisError("READONLY", "READONLY You can't write against a read only replica.");
    if (o["min-replicas-to-write"] > 0 && good() < o["min-replicas-to-write"]) {
      rt.metrics.count("redis.write.refused");
      throw redisError("NOREPLICAS", "NOREPLICAS Not enough good replicas to write.");
    }
    const e: StreamEntry = { start: offset, end: offset + respSize(key, value), key, value };
    apply(e);
    rt.metrics.count("redis.write");
    for (const r of replicas.keys()) rt.send(r, REDIS_MSG.stream, { entries: [e] });
    publish();
    return { length: data.get(key)!.length, offset };
  };

  const psync = (from: string, req: PsyncRequest): PsyncReply => {
    if (primary !== null) throw redisError("ERR", `ERR ${rt.address} is a replica; replicate from its primary`);
    const history = req.replid === replid || (req.replid === replid2 && req.offset <= secondOffset);
    const entries = history ? backlog.from(req.offset, offset) : null;
    replicas.set(from, { ackOffset: -1, ackAt: rt.now(), resentAt: rt.now() });
    publish();
    if (entries !== null) return { mode: "continue", replid, entries };
    const snapshot: Record<string, string[]> = {};
    for (const [k, list] of data) snapshot[k] = [...list];
    return { mode: "fullresync", replid, offset, data: snapshot };
  };

  const onAck = (from: string, ackOffset: number) => {
    const r = replicas.get(from);
    if (!r || primary !== null) return;
    // A replica stuck at the same offset for a second missed part of the stream: resend it.
    if (ackOffset < offset && ackOffset === r.ackOffset && rt.now() - r.resentAt >= SECOND) {
      r.resentAt = rt.now();
      for (const e of backlog.from(ackOffset, offset) ?? []) rt.send(from, REDIS_MSG.stream, { entries: [e] });
    }
    r.ackOffset = Math.max(r.ackOffset, ackOffset);
    r.ackAt = rt.now();
    wake();
  };

  const onStream = (from: string, entries: StreamEntry[]) => {
    if (from !== primary || !linkUp) return;
    heardAt = rt.now();
    for (const e of entries) if (e.start >= offset && pending.size < 10_000) pending.set(e.start, e);
    for (let e = pending.get(offset); e; e = pending.get(offset)) {
      pending.delete(e.start);
      apply(e);
    }
    for (const k of [...pending.keys()]) if (k < offset) pending.delete(k);
    publish();
  };

  const cron = () => {
    const now = rt.now();
    if (primary !== null) {
      if (linkUp && now - heardAt > o["repl-timeout"] * SECOND) setLink(false);
      if (linkUp) rt.send(primary, REDIS_MSG.ack, { offset });
      else void sync();
    } else {
      for (const [a, r] of replicas) if (now - r.ackAt > o["repl-timeout"] * SECOND) replicas.delete(a);
    }
    publish();
  };
  let pings = 0;

  return {
    start() {
      publish();
      rt.setTimer(rt.random.int(SECOND) + 1, function tick() {
        cron();
        if (primary === null && ++pings % o["repl-ping-replica-period"] === 0) for (const r of replicas.keys()) rt.send(r, REDIS_MSG.ping, {});
        rt.setTimer(SECOND, tick, "redis-cron");
      }, "redis-cron");
      if (primary !== null) return sync();
    },
    message(msg: Message) {
      const b = msg.body as Record<string, unknown>;
      if (msg.type === REDIS_MSG.ack) onAck(msg.from, Number(b.offset));
      else if (msg.type === REDIS_MSG.stream) onStream(msg.from, b.entries as StreamEntry[]);
      else if (msg.type === REDIS_MSG.ping) { if (msg.from === primary && linkUp) heardAt = rt.now(); }
      else if (msg.type === REDIS_MSG.getack) { if (msg.from === primary && linkUp) rt.send(primary, REDIS_MSG.ack, { offset }); }
    },
    request(req: Message) {
      const b = (req.body ?? {}) as Record<string, unknown>;
      switch (req.type) {
        case REDIS_MSG.rpush: return write(String(b.key), String(b.value));
        case REDIS_MSG.lrange: return { value: [...(data.get(String(b.key)) ?? [])] };
        case REDIS_MSG.wait: {
          if (primary !== null) throw redisError("ERR", "ERR WAIT cannot be used with replica instances.");
          const at = Number(b.offset), need = Number(b.numreplicas), timeoutMs = Number(b.timeout);
          if (acked(at) >= need) return { replicas: acked(at) };
          for (const r of replicas.keys()) rt.send(r, REDIS_MSG.getack, {});
          return new Promise((resolve) => {
            const w = { offset: at, need, done: (n: number) => resolve({ replicas: n }) };
            waiters.push(w);
            if (timeoutMs > 0) rt.setTimer(timeoutMs * MS, () => {
              const i = waiters.indexOf(w);
              if (i >= 0) { waiters.splice(i, 1); resolve({ replicas: acked(at) }); }
            }, "redis-wait");
          });
        }
        case REDIS_MSG.psync: return psync(req.from, b as unknown as PsyncRequest);
        case REDIS_MSG.info: return { role: primary === null ? "master" : "slave", primary, linkUp, offset, replid, priority: o["replica-priority"], runid: rt.address } satisfies InfoReply;
        case REDIS_MSG.replicaof: {
          const to = (b.primary ?? null) as string | null;
          if (to === null) {
            if (primary !== null) {
              // PSYNC2: keep the old history's id, so replicas of the old primary can continue.
              replid2 = replid; secondOffset = offset; replid = newReplid();
              primary = null;
              setLink(false);
              persistRole();
              rt.record("redis-role", { role: "master", primary: null });
            }
          } else if (to !== primary) {
            primary = to;
            replicas.clear();
            for (const w of waiters.splice(0)) w.done(0);
            setLink(false);
            persistRole();
            rt.record("redis-role", { role: "slave", primary: to });
            void sync();
          }
          publish();
          return { ok: true };
        }
      }
      throw redisError("ERR", `ERR unknown command '${req.type}'`);
    },
  };
};
