import type { Json } from "../../core/json";
import { MS } from "../../core/time";
import type { Message, ProcessFactory } from "../../node/runtime-api";
import { checkKeys } from "../../options/option-values";
import { readOptions } from "../../options/option-table";
import { MONGOD_OPTIONS } from "./mongo-options";

/** The replica set's process kind and message types. */
export const MONGOD_KIND = "mongod";
export const MONGO_MSG = { insert: "insert", find: "find", hello: "hello", append: "replSetAppend", vote: "replSetRequestVotes" } as const;

/** One oplog entry: the term it was written in, and the value appended to a key. */
interface OplogEntry { term: number; key: string; value: string }

/** The state a member publishes. */
export interface MongodState { state: "PRIMARY" | "SECONDARY"; term: number; oplog: number; commit: number }

const error = (code: string, message: string) => ({ status: 503, code, message });

/**
 * A replica set member (protocol version 1, which is Raft-like) [MONGO]. Secondaries that hear
 * no primary for `electionTimeoutMillis` (plus up to 15 %, randomized) first ask whether they
 * could win (a dry run, so a cut-off member does not disrupt the set when it returns), then
 * stand: a member votes once per term, for a candidate whose oplog is at least as new as its own.
 * The primary writes each insert to its oplog and sends the oplog to the secondaries with every
 * heartbeat and write; an entry of the current term stored on a majority is majority-committed.
 * A primary that has not heard from a majority for `electionTimeoutMillis` steps down. A member
 * whose oplog has diverged from the primary's (an old primary's writes that never reached a
 * majority) rolls back: it truncates its oplog to the common point, and the rolled-back writes
 * are gone (MongoDB writes them to rollback files; no client sees them again).
 *
 * Writes with w: 1 are acknowledged at once; with w: majority once committed (or, after
 * `wtimeout`, with a write concern error that does not undo the write). Reads with
 * readConcern local see the member's whole oplog; majority, the committed prefix.
 *
 * Departures: the oplog is pushed by the primary (MongoDB secondaries pull it, possibly by
 * chaining); no priorities, arbiters, catch-up period or hidden members.
 *
 * History: `mongo-state` (state, term), `mongo-rollback` (entries, from). Metrics:
 * `mongo.rollback.entries`.
 */
export const mongod: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  const where = `mongod ${rt.address}`;
  checkKeys(config, Object.keys(MONGOD_OPTIONS), where);
  const o = readOptions(MONGOD_OPTIONS, config, where);
  const members = rt.directory().filter((p) => p.kind === MONGOD_KIND && p.process === rt.process).map((p) => p.address);
  const peers = members.filter((a) => a !== rt.address);
  const majority = Math.floor(members.length / 2) + 1;
  const electionTimeout = o.electionTimeoutMillis * MS, heartbeat = o.heartbeatIntervalMillis * MS;

  const meta = rt.disk.read<{ term: number; votedFor: string | null }>("repl/meta") ?? { term: 0, votedFor: null };
  let term = meta.term, votedFor = meta.votedFor;
  const oplog: OplogEntry[] = rt.disk.keys("oplog/").map((k) => rt.disk.read(k) as unknown as OplogEntry);
  let state: "PRIMARY" | "SECONDARY" = "SECONDARY";
  let commit = 0;
  // When a primary was last heard (never, at first), and when this member stands next.
  let heardAt = -Infinity, timeoutAt = 0;
  const matched = new Map<string, { idx: number; at: number }>();
  const nextIdx = new Map<string, number>();
  const waiters: Array<{ idx: number; done: (ok: boolean) => void }> = [];

  const save = () => { rt.disk.write("repl/meta", { term, votedFor }); rt.disk.sync(); };
  const pad = (n: number) => String(n).padStart(9, "0");
  const publish = () => rt.publish<MongodState>((s) => { s.state = state; s.term = term; s.oplog = oplog.length; s.commit = commit; });
  const armElectionTimer = () => { timeoutAt = rt.now() + Math.round(electionTimeout * (1 + 0.15 * rt.random.next())); };
  const lastTerm = () => oplog.at(-1)?.term ?? 0;
  const view = (upTo: number) => {
    const m = new Map<string, string[]>();
    for (let i = 0; i < upTo; i++) (m.get(oplog[i].key) ?? m.set(oplog[i].key, []).get(oplog[i].key)!).push(oplog[i].value);
    return m;
  };
  const become = (s: "PRIMARY" | "SECONDARY") => {
    if (state === s) return;
    state = s;
    rt.record("mongo-state", { state, term });
    if (s === "SECONDARY") for (const w of waiters.splice(0)) w.done(false);
  };
  const adopt = (t: number) => {
    if (t <= term) return;
    term = t; votedFor = null; save();
    become("SECONDARY");
  };
  const truncate = (len: number, from: string) => {
    if (len >= oplog.length) return;
    const gone = oplog.length - len;
    for (let i = len; i < oplog.length; i++) rt.disk.delete(`oplog/${pad(i + 1)}`);
    oplog.length = len;
    rt.disk.sync();
    rt.metrics.count("mongo.rollback.entries", gone);
    rt.record("mongo-rollback", { entries: gone, from });
  };
  const advanceCommit = () => {
    const idx = [oplog.length, ...peers.map((p) => matched.get(p)?.idx ?? 0)].sort((a, b) => b - a)[majority - 1];
    // Only an entry of the current term commits by counting (Raft's rule, and the commit point's).
    if (idx > commit && oplog[idx - 1]?.term === term) commit = idx;
    for (let i = waiters.length - 1; i >= 0; i--) if (waiters[i].idx <= commit) waiters.splice(i, 1)[0].done(true);
  };
  const sendAppend = (p: string) => {
    const from = nextIdx.get(p) ?? oplog.length + 1;
    const entries = oplog.slice(from - 1, from - 1 + 500);
    rt.send(p, MONGO_MSG.append, { term, prevIdx: from - 1, prevTerm: from > 1 ? oplog[from - 2].term : 0, entries, commit });
  };

  const elect = async (dryRun: boolean): Promise<void> => {
    const t = term + 1;
    if (!dryRun) { term = t; votedFor = rt.address; save(); }
    // Decided as soon as a majority granted, or once every member answered or timed out.
    const votes = await new Promise<number>((resolve) => {
      let granted = 1, answered = 0;
      if (granted >= majority) resolve(granted);
      for (const p of peers) {
        void rt.call<{ granted: boolean; term: number }>(p, MONGO_MSG.vote, { term: t, lastIdx: oplog.length, lastTerm: lastTerm(), dryRun }, { timeout: electionTimeout / 2 }).then((r) => {
          if (r.term > t) adopt(r.term);
          if (r.granted) granted++;
        }, () => undefined).then(() => {
          answered++;
          if (granted >= majority || answered === peers.length) resolve(granted);
        });
      }
    });
    if (votes < majority || state === "PRIMARY") return;
    if (dryRun) { if (term === t - 1) return elect(false); return; }
    if (term !== t) return;
    become("PRIMARY");
    for (const p of peers) { nextIdx.set(p, oplog.length + 1); matched.set(p, { idx: 0, at: rt.now() }); }
    for (const p of peers) sendAppend(p);
  };

  const tick = () => {
    const now = rt.now();
    if (state === "PRIMARY") {
      for (const p of peers) sendAppend(p);
      const heard = 1 + peers.filter((p) => now - (matched.get(p)?.at ?? -Infinity) <= electionTimeout).length;
      if (heard < majority) { rt.record("mongo-stepdown", { term, why: "cannot see a majority" }); become("SECONDARY"); armElectionTimer(); }
    } else if (now >= timeoutAt) {
      armElectionTimer();
      return elect(true);
    }
    publish();
  };

  return {
    start() {
      armElectionTimer();
      publish();
      rt.setTimer(rt.random.int(heartbeat) + 1, function loop() {
        rt.setTimer(heartbeat, loop, "mongo-heartbeat");
        return tick();
      }, "mongo-heartbeat");
    },
    message(msg: Message) {
      const b = msg.body as Record<string, unknown>;
      if (msg.type === MONGO_MSG.append) {
        const t = Number(b.term);
        if (t < term) { rt.send(msg.from, "replSetAppendReply", { term, ok: false, idx: oplog.length }); return; }
        adopt(t);
        if (state === "PRIMARY") return;
        heardAt = rt.now();
        armElectionTimer();
        const prevIdx = Number(b.prevIdx), prevTerm = Number(b.prevTerm);
        if (prevIdx > oplog.length || (prevIdx > 0 && oplog[prevIdx - 1].term !== prevTerm)) {
          // Tell the primary where the diverged term starts, so it can back up in one step.
          const at = Math.min(prevIdx, oplog.length);
          const conflict = at > 0 ? oplog[at - 1].term : 0;
          let first = at;
          while (first > 1 && oplog[first - 2].term === conflict) first--;
          rt.send(msg.from, "replSetAppendReply", { term, ok: false, idx: Math.max(0, first - 1) });
          return;
        }
        const entries = b.entries as OplogEntry[];
        for (let i = 0; i < entries.length; i++) {
          const idx = prevIdx + 1 + i;
          if (idx <= oplog.length && oplog[idx - 1].term === entries[i].term) continue;
          truncate(idx - 1, msg.from);
          oplog.push(entries[i]);
          rt.disk.write(`oplog/${pad(idx)}`, entries[i] as unknown as Json);
        }
        rt.disk.sync();
        commit = Math.min(Math.max(commit, Number(b.commit)), oplog.length);
        rt.send(msg.from, "replSetAppendReply", { term, ok: true, idx: prevIdx + entries.length });
        publish();
      } else if (msg.type === "replSetAppendReply") {
        const t = Number(b.term);
        if (t > term) { adopt(t); return; }
        if (state !== "PRIMARY" || t !== term) return;
        const idx = Number(b.idx);
        if (b.ok === true) {
          matched.set(msg.from, { idx: Math.max(idx, matched.get(msg.from)?.idx ?? 0), at: rt.now() });
          nextIdx.set(msg.from, idx + 1);
          advanceCommit();
          if (idx < oplog.length) sendAppend(msg.from);
        } else {
          matched.set(msg.from, { idx: matched.get(msg.from)?.idx ?? 0, at: rt.now() });
          nextIdx.set(msg.from, Math.max(1, idx + 1));
          sendAppend(msg.from);
        }
      }
    },
    request(req: Message) {
      const b = (req.body ?? {}) as Record<string, unknown>;
      switch (req.type) {
        case MONGO_MSG.hello: return { isWritablePrimary: state === "PRIMARY", term };
        case MONGO_MSG.vote: {
          const t = Number(b.term), dry = b.dryRun === true;
          const upToDate = Number(b.lastTerm) > lastTerm() || (Number(b.lastTerm) === lastTerm() && Number(b.lastIdx) >= oplog.length);
          // A member that hears a primary refuses to help depose it.
          const seesPrimary = state === "PRIMARY" || rt.now() - heardAt < electionTimeout;
          if (dry) return { granted: t > term && upToDate && !seesPrimary, term };
          adopt(t);
          const granted = t === term && (votedFor === null || votedFor === req.from) && upToDate;
          if (granted) { votedFor = req.from; save(); armElectionTimer(); }
          return { granted, term };
        }
        case MONGO_MSG.insert: {
          if (state !== "PRIMARY") throw error("NotWritablePrimary", "not primary");
          const e: OplogEntry = { term, key: String(b.key), value: String(b.value) };
          oplog.push(e);
          rt.disk.write(`oplog/${pad(oplog.length)}`, e as unknown as Json);
          rt.disk.sync();
          const idx = oplog.length;
          for (const p of peers) sendAppend(p);
          publish();
          if (b.w !== "majority") return { ok: 1 };
          return new Promise((resolve, reject) => {
            const w = { idx, done: (ok: boolean) => (ok ? resolve({ ok: 1 }) : reject(error("InterruptedDueToReplStateChange", "stepped down while waiting for the write concern"))) };
            waiters.push(w);
            const wt = Number(b.wtimeout ?? 0);
            if (wt > 0) rt.setTimer(wt * MS, () => { const i = waiters.indexOf(w); if (i >= 0) { waiters.splice(i, 1); reject(error("WriteConcernFailed", "waiting for replication timed out")); } }, "mongo-wtimeout");
            advanceCommit();
          });
        }
        case MONGO_MSG.find: {
          if (state !== "PRIMARY") throw error("NotPrimaryNoSecondaryOk", "not primary and secondaryOk=false");
          return { value: view(b.readConcern === "majority" ? commit : oplog.length).get(String(b.key)) ?? [] };
        }
      }
      throw error("CommandNotFound", `no such command: ${req.type}`);
    },
  };
};
