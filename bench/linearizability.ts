import type { Json } from "../engine/core/json";
import { OperationBuilder, type Operation } from "../engine/check/linearizability/operation";
import type { OpRecord } from "../engine/check/linearizability/op-record";
import { checkLinearizability, type LinearizabilityResult } from "../engine/check/linearizability/check-linearizability";

/** How a generated history looks. */
export interface HistoryShape {
  clients: number;
  opsPerClient: number;
  keys: number;
  /** `rw`: get and put of unique values; `append`: get, put and append, as Porcupine's kv test histories. */
  mix: "rw" | "append";
  /** Replace one late read's value by a value overwritten before it was invoked (a stale read). */
  stale: boolean;
  seed: number;
}

/** A generated history: the records in real-time order, and the stale read's record index if one was injected. */
export interface GeneratedHistory {
  records: OpRecord[];
  staleAt: number | null;
}

/** xorshift32: the bench's own seeded stream (the bench is outside the engine; it only needs repeatability). */
function stream(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s / 4294967296; };
}

interface Sim { client: number; f: "get" | "put" | "append"; key: string; value: Json; inv: number; lp: number; ret: number; out: Json }

/**
 * A correct register per key, driven by `clients` closed-loop clients: each invokes an
 * operation, the operation takes effect at a random point inside its interval (its
 * linearization point), completes, and the client thinks a little before the next. Intervals
 * are long against the think time, so operations of different clients overlap (about
 * clients / keys in flight on a key at once). Reads return the register's value at their
 * linearization point, so the history is linearizable by construction. Every put and append
 * carries a value no other operation writes (`x <client> <i> y`, as Porcupine's kv histories do).
 */
export function generateHistory(shape: HistoryShape): GeneratedHistory {
  const rand = stream(shape.seed);
  const int = (n: number) => Math.floor(rand() * n);
  const ops: Sim[] = [];
  for (let c = 0; c < shape.clients; c++) {
    let t = int(50);
    for (let i = 0; i < shape.opsPerClient; i++) {
      const key = String(int(shape.keys));
      const r = rand();
      const f = shape.mix === "rw" ? (r < 0.5 ? "get" : "put") : (r < 0.4 ? "get" : r < 0.55 ? "put" : "append");
      const dur = 20 + int(200);
      const inv = t, ret = t + dur;
      ops.push({ client: c, f, key, value: f === "get" ? null : `x ${c} ${i} y`, inv, lp: inv + 1 + int(dur - 1), ret, out: null });
      t = ret + 1 + int(20);
    }
  }
  // Apply in linearization-point order.
  const state = new Map<string, string | null>();
  for (const o of [...ops].sort((a, b) => a.lp - b.lp)) {
    const cur = state.get(o.key) ?? null;
    if (o.f === "get") o.out = cur;
    else if (o.f === "put") state.set(o.key, o.value as string);
    else state.set(o.key, (cur ?? "") + (o.value as string));
  }
  let staleRead: Sim | null = null;
  if (shape.stale) staleRead = injectStaleRead(ops);
  // Records in real time: at equal times, completions first (the client's next invoke is later anyway).
  const evs: Array<{ t: number; kind: 0 | 1; o: Sim }> = [];
  for (const o of ops) { evs.push({ t: o.inv, kind: 1, o }); evs.push({ t: o.ret, kind: 0, o }); }
  evs.sort((a, b) => a.t - b.t || a.kind - b.kind || a.o.client - b.o.client);
  let staleAt: number | null = null;
  const records = evs.map((e, i): OpRecord => {
    if (e.kind === 1) return { process: e.o.client, type: "invoke", f: e.o.f, key: e.o.key, value: e.o.value, time: e.t };
    if (e.o === staleRead) staleAt = i;
    return { process: e.o.client, type: "ok", f: e.o.f, key: e.o.key, value: e.o.f === "get" ? e.o.out : e.o.value, time: e.t };
  });
  return { records, staleAt };
}

/**
 * Makes one late read stale, so that no order fits: a put `u` that completed before a put `w`
 * on the same key was invoked, and `w` completed before the read was invoked; the read returns
 * `u`'s value. Every linearization orders u < w < read, `w` overwrote `u`'s value, and no
 * other operation writes it again, so the history is certainly not linearizable.
 */
function injectStaleRead(ops: Sim[]): Sim {
  const late = ops.filter((o) => o.f === "get").sort((a, b) => b.inv - a.inv);
  for (const r of late.slice(0, Math.max(1, Math.floor(late.length / 4)))) {
    const puts = ops.filter((o) => o.f === "put" && o.key === r.key && o.ret < r.inv).sort((a, b) => b.ret - a.ret);
    for (const w of puts) {
      const u = puts.find((x) => x.ret < w.inv);
      if (u) { r.out = u.value; return r; }
    }
  }
  throw new Error("no read to make stale: the history is too short");
}

/** Pairs a generated history into the checker's operations. */
export function operationsOf(h: GeneratedHistory): Operation[] {
  const b = new OperationBuilder();
  h.records.forEach((r, i) => b.add(r, i + 1, r.time as number));
  if (b.problems.length > 0) throw new Error(b.problems[0].message);
  return b.finish();
}

/** One bench row: a generated history checked, with its CPU time (milliseconds from `now`). */
export function linearizabilityRun(shape: HistoryShape, now: () => number): { result: LinearizabilityResult; seconds: number; generateSeconds: number } {
  const g0 = now();
  const ops = operationsOf(generateHistory(shape));
  const t0 = now();
  const result = checkLinearizability(ops, { model: "kv" });
  return { result, seconds: (now() - t0) / 1000, generateSeconds: (t0 - g0) / 1000 };
}

/** One row of the bench: a history shape, what the checker must answer, and a label. */
export interface LinearizabilityRow { label: string; shape: HistoryShape; expected: "linearizable" | "not-linearizable" | "unknown"; repeat?: number }

/**
 * The bench's histories: the 10 clients × 1,000 operations on 3 keys (get and put),
 * linearizable and with one stale read; the same with Porcupine's kv mix (get, put, append) on
 * 10 keys; and 50 clients on 10 keys with the kv mix, the shape of Porcupine's c50 kv test
 * history (about 2,000 operations): one seed decides in seconds, another exhausts the memory
 * budget and must answer unknown (both are reported, so a regression either way shows).
 */
export function linearizabilityRows(quick: boolean): LinearizabilityRow[] {
  const per = quick ? 300 : 1000;
  return [
    { label: "get/put, 3 keys", shape: { clients: 10, opsPerClient: per, keys: 3, mix: "rw", stale: false, seed: 1 }, expected: "linearizable" },
    { label: "get/put, 3 keys, one stale read", shape: { clients: 10, opsPerClient: per, keys: 3, mix: "rw", stale: true, seed: 1 }, expected: "not-linearizable" },
    { label: "get/put/append, 10 keys", shape: { clients: 10, opsPerClient: per, keys: 10, mix: "append", stale: false, seed: 1 }, expected: "linearizable" },
    { label: "get/put/append, 10 keys, one stale read", shape: { clients: 10, opsPerClient: per, keys: 10, mix: "append", stale: true, seed: 1 }, expected: "not-linearizable" },
    ...(quick ? [] : [
      { label: "get/put/append, 50 clients, 10 keys (seed 2)", shape: { clients: 50, opsPerClient: 40, keys: 10, mix: "append", stale: false, seed: 2 }, expected: "linearizable", repeat: 1 } as LinearizabilityRow,
      { label: "get/put/append, 50 clients, 10 keys (seed 1)", shape: { clients: 50, opsPerClient: 40, keys: 10, mix: "append", stale: false, seed: 1 }, expected: "unknown", repeat: 1 } as LinearizabilityRow,
    ]),
  ];
}
