import type { Json } from "../../../core/json";
import { MS } from "../../../core/time";
import type { Message, ProcessFactory, Runtime } from "../../../node/runtime-api";
import { badConfig } from "../../../options/option-values";
import { ZK_MSG } from "./zk-messages";
import type { ZkWatchEvent } from "./zk-messages";
import type { ZkClientOptions } from "./zk-options";
import { resolveZkClientOptions } from "./zk-options";
import { ZK_SERVER_KIND } from "./zk-server";
import { ZkSession } from "./zk-session";

/** The process kind of the ZooKeeper-like clients. */
export const ZK_CLIENT_KIND = "zk-client";

/** A persistent znode that may already exist: create it, and take NODEEXISTS as done. */
async function ensure(s: ZkSession, rt: Runtime, path: string): Promise<void> {
  for (;;) {
    const r = await s.call(ZK_MSG.create, { session: s.id, path, data: null });
    if (r.ok || r.code === "NODEEXISTS") return;
    if (r.code === "SESSIONEXPIRED") return;
    await rt.sleep(20 * MS);
  }
}

/**
 * kv: gets and sets on /k0.. in a closed loop, recorded as `op` entries in the
 * linearizability checker's format (f get|put, key, value; `ok` entries carry `rev`: the zxid a
 * set made, the mzxid a get saw), so the fresh-reads and linearizable checkers read them as they
 * read the etcd client's. With `sync`, each get is a sync and then a read that waits for it.
 */
async function kv(rt: Runtime, o: ZkClientOptions, s: ZkSession, processBase: number, stride: number): Promise<void> {
  await s.open();
  void s.keepAlive();
  for (let k = 0; k < o.keyCount; k++) await ensure(s, rt, `/k${k}`);
  let process = processBase;
  let writes = 0;
  for (;;) {
    const key = `/k${rt.random.int(o.keyCount)}`;
    const get = rt.random.next() < o.getRatio;
    const value: Json = get ? null : `${rt.process}@${rt.node}#${++writes}`;
    rt.record("op", { type: "invoke", process, f: get ? "get" : "put", key, value });
    const end = (type: "ok" | "fail" | "info", v: Json, extra: Record<string, Json>) => {
      rt.metrics.count(`zk.op.${get ? "get" : "put"}.${type}`);
      rt.record("op", { type, process, f: get ? "get" : "put", key, value: v, ...extra });
    };
    if (get) {
      let after = 0;
      const synced = o.sync ? await s.call(ZK_MSG.sync, {}) : null;
      if (synced && synced.ok) after = Number(synced.body.index);
      const r = synced && !synced.ok ? synced : await s.call(ZK_MSG.getData, { path: key, after });
      // A read that failed changed nothing, whatever the reason.
      if (r.ok) end("ok", r.body.data ?? null, { rev: Number(r.body.mzxid) });
      else end("fail", null, { error: r.code });
    } else {
      const r = await s.call(ZK_MSG.setData, { session: s.id, path: key, data: value, version: -1 });
      if (r.ok) end("ok", value, { rev: Number(r.body.zxid) });
      else if (r.definite) end("fail", value, { error: r.code });
      else { end("info", value, { error: r.code }); process += stride; }
      if (!r.ok && r.code === "SESSIONEXPIRED") { s.expired(); await s.open(); void s.keepAlive(); }
    }
    await rt.sleep(o.thinkUs > 0 ? Math.max(1, Math.round(rt.random.exponential(o.thinkUs))) : 1);
  }
}

/**
 * member: an ephemeral znode /members/<node>-<process> that lives as long as the session, as a
 * service instance registers itself; after an expiry it opens a new session and registers
 * again. It also watches /members' children, setting the watch again after each event.
 */
async function member(rt: Runtime, s: ZkSession): Promise<void> {
  for (;;) {
    await s.open();
    const alive = s.keepAlive();
    await ensure(s, rt, "/members");
    const path = `/members/${rt.node}-${rt.process}`;
    for (;;) {
      const r = await s.call(ZK_MSG.create, { session: s.id, path, data: rt.address, ephemeral: true });
      if (r.ok || r.code === "NODEEXISTS") { rt.record("zk-member-registered", { path, session: s.id }); break; }
      if (r.code === "SESSIONEXPIRED") break;
      await rt.sleep(50 * MS);
    }
    const watching = (async () => {
      const id = s.id;
      while (s.id === id) {
        const c = await s.call(ZK_MSG.getChildren, { path: "/members", watch: true });
        if (c.ok) rt.metrics.gauge("zk.members", (c.body.children as Json[]).length);
        await s.waitFor("/members", c.ok ? 10 * s.timeoutUs : 100 * MS);
      }
    })();
    await alive;
    await watching;
  }
}

/**
 * lock and lock-herd: ZooKeeper's lock recipe. Each attempt creates an ephemeral sequential
 * /lock/<session>-lock-NNNNNNNNNN (the session in the name finds a node whose create timed out,
 * as Curator's protected mode does) and takes the lock when its node has the lowest sequence
 * number. `lock` watches only the node just below its own, so a release wakes one waiter;
 * `lock-herd` watches all of /lock, so every release wakes every waiter (the herd effect the
 * recipe exists to avoid). A holder lets go when its session is disconnected (see ZkSession).
 * History: `lock-acquired` (node, session), `lock-released` (node, reason: done|disconnected).
 */
async function lock(rt: Runtime, o: ZkClientOptions, s: ZkSession, herd: boolean): Promise<void> {
  const seqOf = (name: string) => name.slice(-10);
  let holding: string | null = null;
  const release = (reason: string) => {
    if (holding === null) return;
    rt.record("lock-released", { node: holding, reason });
    holding = null;
  };
  s.onDisconnect = () => release("disconnected");
  for (;;) {
    if (s.id === 0) { await s.open(); void s.keepAlive(); await ensure(s, rt, "/lock"); }
    const session = s.id;
    const prefix = `${session}-lock-`;
    let mine: string | null = null;
    while (mine === null && s.id === session) {
      const r = await s.call(ZK_MSG.create, { session, path: `/lock/${prefix}`, data: rt.address, ephemeral: true, sequential: true });
      if (r.ok) mine = String(r.body.path).slice("/lock/".length);
      else if (r.code === "SESSIONEXPIRED") s.expired();
      else if (!r.definite) {
        const c = await s.call(ZK_MSG.getChildren, { path: "/lock" });
        if (c.ok) mine = (c.body.children as string[]).find((n) => n.startsWith(prefix)) ?? null;
      } else await rt.sleep(20 * MS);
    }
    while (mine !== null && s.id === session) {
      const sync = await s.call(ZK_MSG.sync, {});
      const c = await s.call(ZK_MSG.getChildren, { path: "/lock", watch: herd, after: sync.ok ? Number(sync.body.index) : 0 });
      if (!c.ok) { await rt.sleep(50 * MS); continue; }
      const names = [...(c.body.children as string[])].sort((a, b) => (seqOf(a) < seqOf(b) ? -1 : seqOf(a) > seqOf(b) ? 1 : 0));
      const at = names.indexOf(mine);
      // Gone: the session expired (or the node was deleted); the next attempt starts afresh.
      if (at < 0) break;
      if (at === 0) {
        // Only a session answered within two thirds of its timeout may take the lock.
        if (!s.live) { await s.waitFor("/lock", 50 * MS); continue; }
        holding = mine;
        rt.record("lock-acquired", { node: mine, session });
        rt.metrics.count("zk.lock.acquired");
        await rt.sleep(o.holdUs);
        if (holding !== null) release("done");
        for (let i = 0; i < 20 && s.id === session; i++) {
          const d = await s.call(ZK_MSG.delete, { session, path: `/lock/${mine}`, version: -1 });
          if (d.ok || d.code === "NONODE" || d.code === "SESSIONEXPIRED") break;
          await rt.sleep(50 * MS);
        }
        break;
      }
      if (herd) { await s.waitFor("/lock", 10 * s.timeoutUs); continue; }
      const pred = `/lock/${names[at - 1]}`;
      const e = await s.call(ZK_MSG.exists, { path: pred, watch: true });
      if (e.ok && e.body.exists === true) await s.waitFor(pred, 10 * s.timeoutUs);
    }
    await rt.sleep(o.thinkUs > 0 ? Math.max(1, Math.round(rt.random.exponential(o.thinkUs))) : 1);
  }
}

/**
 * A ZooKeeper client process running one recipe (ZK_CLIENT_OPTIONS.recipe) over its own session:
 * kv operations for the linearizability and fresh-reads checkers, an ephemeral membership, or
 * the lock recipe with or without the herd effect. See ZkSession for sessions and watches.
 */
export const zkClient: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  const where = `${ZK_CLIENT_KIND} ${rt.address}`;
  const o = resolveZkClientOptions(config, where);
  const dir = rt.directory();
  const servers = dir.filter((p) => p.kind === ZK_SERVER_KIND).map((p) => p.address);
  if (servers.length === 0) badConfig(where, "servers", `at least one ${ZK_SERVER_KIND} (none in the scenario)`, servers);
  const clients = dir.filter((p) => p.kind === ZK_CLIENT_KIND).map((p) => p.address);
  const s = new ZkSession(rt, o, servers);
  return {
    async start() {
      if (o.startUs > 0) await rt.sleep(o.startUs);
      if (o.recipe === "kv") return kv(rt, o, s, Math.max(0, clients.indexOf(rt.address)), clients.length);
      if (o.recipe === "member") return member(rt, s);
      return lock(rt, o, s, o.recipe === "lock-herd");
    },
    message(msg: Message) {
      if (msg.type === ZK_MSG.watchEvent) s.event(msg.body as ZkWatchEvent);
    },
  };
};
