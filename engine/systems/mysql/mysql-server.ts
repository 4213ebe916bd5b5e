import type { Json } from "../../core/json";
import { MS, SECOND } from "../../core/time";
import type { Message, ProcessFactory } from "../../node/runtime-api";
import { checkKeys } from "../../options/option-values";
import { readOptions } from "../../options/option-table";
import { MYSQL_MSG } from "./mysql-messages";
import type { BinlogEvent, ServerStatus } from "./mysql-messages";
import { MYSQL_SERVER_OPTIONS } from "./mysql-options";

/** The state a MySQL server publishes. */
export interface MysqlServerState {
  role: "source" | "replica";
  source: string | null;
  binlog: number;
  semiSync: boolean;
  waiting: number;
}

/** An error a statement returns (a `remote` call error with it as detail). */
function mysqlError(code: string, message: string) {
  return { status: 503, code, message };
}

/**
 * A MySQL server with semisynchronous replication [MYSQL-SS]. An autocommit UPDATE appends a
 * value to a key's list: the source writes the transaction to its binary log, sends it to its
 * replicas, and — with `rpl_semi_sync_source_enabled` — waits for
 * `rpl_semi_sync_source_wait_for_replica_count` replicas to acknowledge that it is in their
 * relay logs before the commit returns. The wait point decides what others see meanwhile:
 * AFTER_SYNC (the default) commits to the storage engine only after the acknowledgement, so
 * no other session can read the transaction (and its row lock holds later writes of the key)
 * until a replica has it; AFTER_COMMIT commits first and waits after, so other sessions read
 * a transaction that a failover may still lose. When no acknowledgement comes within
 * `rpl_semi_sync_source_timeout` ms, the source reverts to asynchronous replication: every
 * waiting commit returns success, and later ones do not wait, until a semisynchronous replica
 * has caught up with the binary log; nothing tells the client.
 *
 * A replica asks for the binary log from its position (COM_BINLOG_DUMP), applies each event at
 * once (the SQL thread is not modelled apart from the I/O thread), writes it to its own binary
 * log (log_replica_updates, on by default), acknowledges it when
 * `rpl_semi_sync_replica_enabled`, and asks again from its position when it sees a gap. It
 * refuses writes (super_read_only). Data and binary log are synced at each commit
 * (sync_binlog=1, innodb_flush_log_at_trx_commit=1), so a restart keeps them.
 *
 * History: `mysql-semisync` (on, pos: the source's status changes), `mysql-role` (role,
 * source). Metrics: `mysql.commit`, `mysql.commit.waited` (histogram of the wait),
 * `mysql.semisync.off`.
 */
export const mysqlServer: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  const where = `mysql-server ${rt.address}`;
  checkKeys(config, Object.keys(MYSQL_SERVER_OPTIONS), where);
  const o = readOptions(MYSQL_SERVER_OPTIONS, config, where);

  const saved = rt.disk.read<{ source: string | null }>("mysql/role");
  let source: string | null = saved ? saved.source : o.source_host === "" ? null : o.source_host;
  if (!saved) { rt.disk.write("mysql/role", { source }); rt.disk.sync(); }
  // Recovery: the binary log and the committed data are on disk.
  const binlog: BinlogEvent[] = rt.disk.keys("binlog/").map((k) => rt.disk.read(k) as unknown as BinlogEvent).sort((a, b) => a.pos - b.pos);
  const data = new Map<string, string[]>();
  for (const e of binlog) (data.get(e.key) ?? data.set(e.key, []).get(e.key)!).push(e.value);

  const replicas = new Map<string, { acked: number }>();
  let semiOn = o.rpl_semi_sync_source_enabled;
  const waiters: Array<{ pos: number; done: () => void }> = [];
  const locks = new Map<string, Array<() => void>>();
  let dumping = false, connected = false;

  const publish = () => rt.publish<MysqlServerState>((s) => {
    s.role = source === null ? "source" : "replica";
    s.source = source;
    s.binlog = binlog.length;
    s.semiSync = semiOn;
    s.waiting = waiters.length;
  });
  const pad = (n: number) => String(n).padStart(9, "0");
  const log = (e: BinlogEvent) => { binlog.push(e); rt.disk.write(`binlog/${pad(e.pos)}`, e as unknown as Json); rt.disk.sync(); };
  // Crash recovery replays the binary log, so what the engine holds needs no write of its own.
  const commitEngine = (e: BinlogEvent) => { (data.get(e.key) ?? data.set(e.key, []).get(e.key)!).push(e.value); };
  const acks = (pos: number) => [...replicas.values()].filter((r) => r.acked >= pos).length;
  const setSemi = (on: boolean) => {
    if (semiOn === on) return;
    semiOn = on;
    if (!on) rt.metrics.count("mysql.semisync.off");
    rt.record("mysql-semisync", { on, pos: binlog.length });
  };
  const wake = () => {
    for (let i = waiters.length - 1; i >= 0; i--) {
      if (acks(waiters[i].pos) < o.rpl_semi_sync_source_wait_for_replica_count) continue;
      waiters.splice(i, 1)[0].done();
    }
  };
  const waitAck = (pos: number): Promise<void> | null => {
    if (!o.rpl_semi_sync_source_enabled || !semiOn || acks(pos) >= o.rpl_semi_sync_source_wait_for_replica_count) return null;
    return new Promise<void>((resolve) => {
      const w = { pos, done: resolve };
      waiters.push(w);
      rt.setTimer(o.rpl_semi_sync_source_timeout * MS, () => {
        if (!waiters.includes(w)) return;
        // The timeout switches the source to asynchronous replication and releases every
        // waiting commit at once: each returns success.
        setSemi(false);
        for (const x of waiters.splice(0)) x.done();
        publish();
      }, "semi-sync-timeout");
    });
  };
  const lock = (key: string): Promise<void> | null => {
    const q = locks.get(key);
    if (!q) { locks.set(key, []); return null; }
    return new Promise<void>((resolve) => q.push(resolve));
  };
  const unlock = (key: string) => {
    const q = locks.get(key)!;
    const next = q.shift();
    if (next) next();
    else locks.delete(key);
  };

  const append = async (key: string, value: string) => {
    if (source !== null) throw mysqlError("ER_OPTION_PREVENTS_STATEMENT", "The MySQL server is running with the --super-read-only option so it cannot execute this statement");
    const held = lock(key);
    if (held) await held;
    let locked = true;
    try {
      if (source !== null) throw mysqlError("ER_OPTION_PREVENTS_STATEMENT", "The MySQL server is running with the --super-read-only option so it cannot execute this statement");
      const e: BinlogEvent = { pos: binlog.length + 1, key, value };
      log(e);
      for (const r of replicas.keys()) rt.send(r, MYSQL_MSG.event, e);
      const started = rt.now();
      if (o.rpl_semi_sync_source_wait_point === "AFTER_COMMIT") {
        commitEngine(e);
        unlock(key);
        locked = false;
      }
      const wait = waitAck(e.pos);
      publish();
      if (wait) await wait;
      if (o.rpl_semi_sync_source_wait_point === "AFTER_SYNC") commitEngine(e);
      rt.metrics.count("mysql.commit");
      rt.metrics.observe("mysql.commit.waited", rt.now() - started);
      publish();
      return { pos: e.pos };
    } finally {
      if (locked) unlock(key);
    }
  };

  const apply = (e: BinlogEvent) => {
    log(e);
    commitEngine(e);
  };
  const dump = async (): Promise<void> => {
    if (source === null || dumping) return;
    dumping = true;
    const from = source;
    try {
      const r = await rt.call<{ events: BinlogEvent[] }>(from, MYSQL_MSG.dump, { from: binlog.length }, { timeout: SECOND });
      if (source !== from) return;
      for (const e of r.events) if (e.pos === binlog.length + 1) apply(e);
      connected = true;
      if (o.rpl_semi_sync_replica_enabled) rt.send(from, MYSQL_MSG.ack, { pos: binlog.length });
    } catch {
      connected = false;
    } finally {
      dumping = false;
      publish();
    }
  };
  const onEvent = (from: string, e: BinlogEvent) => {
    if (from !== source) return;
    if (e.pos <= binlog.length) return;
    if (e.pos > binlog.length + 1) { connected = false; void dump(); return; }
    apply(e);
    if (o.rpl_semi_sync_replica_enabled) rt.send(from, MYSQL_MSG.ack, { pos: e.pos });
    publish();
  };
  const onAck = (from: string, pos: number) => {
    const r = replicas.get(from);
    if (!r || source !== null) return;
    r.acked = Math.max(r.acked, pos);
    wake();
    // A semisynchronous replica that has caught up switches the source back on.
    if (o.rpl_semi_sync_source_enabled && !semiOn && r.acked >= binlog.length) setSemi(true);
    publish();
  };

  return {
    start() {
      publish();
      rt.setTimer(rt.random.int(SECOND) + 1, function tick() {
        if (source !== null && !connected) void dump();
        rt.setTimer(SECOND, tick, "mysql-io-retry");
      }, "mysql-io-retry");
      if (source !== null) return dump();
    },
    message(msg: Message) {
      if (msg.type === MYSQL_MSG.event) onEvent(msg.from, msg.body as BinlogEvent);
      else if (msg.type === MYSQL_MSG.ack) onAck(msg.from, Number((msg.body as { pos: number }).pos));
    },
    request(req: Message) {
      const b = (req.body ?? {}) as Record<string, unknown>;
      switch (req.type) {
        case MYSQL_MSG.append: return append(String(b.key), String(b.value));
        case MYSQL_MSG.select: return { value: [...(data.get(String(b.key)) ?? [])] };
        case MYSQL_MSG.ping: return { ok: true };
        case MYSQL_MSG.status: return { role: source === null ? "source" : "replica", source, received: binlog.length, semiSync: semiOn } satisfies ServerStatus;
        case MYSQL_MSG.dump: {
          if (source !== null) throw mysqlError("ER_SOURCE_FATAL_ERROR_READING_BINLOG", `${rt.address} is a replica`);
          const from = Number(b.from);
          if (from > binlog.length) throw mysqlError("ER_SOURCE_FATAL_ERROR_READING_BINLOG", `the replica has transactions this source does not (${from} > ${binlog.length})`);
          replicas.set(req.from, { acked: from });
          publish();
          return { events: binlog.slice(from) };
        }
        case MYSQL_MSG.promote: {
          if (source !== null) {
            source = null;
            connected = false;
            rt.disk.write("mysql/role", { source }); rt.disk.sync();
            semiOn = o.rpl_semi_sync_source_enabled;
            rt.record("mysql-role", { role: "source", source: null });
          }
          publish();
          return { pos: binlog.length };
        }
        case MYSQL_MSG.changeSource: {
          const to = String(b.source);
          if (to !== source) {
            source = to;
            replicas.clear();
            for (const w of waiters.splice(0)) w.done();
            connected = false;
            rt.disk.write("mysql/role", { source }); rt.disk.sync();
            rt.record("mysql-role", { role: "replica", source: to });
            void dump();
          }
          publish();
          return { ok: true };
        }
      }
      throw mysqlError("ER_UNKNOWN_COM_ERROR", `unknown command ${req.type}`);
    },
  };
};
