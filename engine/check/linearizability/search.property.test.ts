import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { Json } from "../../core/json";
import { checkLinearizability } from "./check-linearizability";
import { opsOf, type Line } from "./test-helpers";
import type { Operation } from "./operation";
import { canonical } from "./register-machine";

/**
 * The definition, by brute force: some subset of the pending operations and every completed
 * one, in some order that respects real time (a before b when a returned before b was
 * invoked), replayed on a register per key from nil, gives every read its value and every
 * completed cas a match. Exponential; only for a handful of operations.
 */
function bruteForce(ops: readonly Operation[]): boolean {
  const n = ops.length;
  const used = new Array<boolean>(n).fill(false);
  const state = new Map<string | null, Json>();
  const go = (): boolean => {
    // Done when every completed operation is placed (pending ones may never take effect).
    if (ops.every((o, i) => used[i] || o.pending)) return true;
    for (let i = 0; i < n; i++) {
      if (used[i]) continue;
      const o = ops[i];
      // Real time: nothing unplaced may have returned before o was invoked.
      if (ops.some((p, j) => !used[j] && j !== i && !p.pending && p.ret < o.call)) continue;
      const cur = state.has(o.key) ? state.get(o.key)! : null;
      const outcomes: Array<Json | undefined> = [];
      if (o.f === "read") { if (canonical(cur) === canonical(o.output)) outcomes.push(undefined); }
      else if (o.f === "write") outcomes.push(o.input);
      else if (o.f === "delete") outcomes.push(null);
      else if (o.f === "cas") {
        const [want, set] = o.input as Json[];
        if (canonical(cur) === canonical(want)) outcomes.push(set);
        else if (o.pending) outcomes.push(undefined);
      }
      for (const out of outcomes) {
        used[i] = true;
        if (out !== undefined) state.set(o.key, out);
        const ok = go();
        used[i] = false;
        state.set(o.key, cur);
        if (ok) return true;
      }
    }
    return false;
  };
  return go();
}

/** Small concurrent histories: up to 4 processes, a few operations each, 1–2 keys, values 0–2; some end pending. */
const history = fc.array(
  fc.record({ p: fc.integer({ min: 0, max: 3 }), f: fc.constantFrom("read", "write", "cas"), v: fc.integer({ min: 0, max: 2 }), w: fc.integer({ min: 0, max: 2 }), key: fc.constantFrom("a", "b"), end: fc.constantFrom("ok", "ok", "ok", "info", "fail") }),
  { minLength: 1, maxLength: 14 },
).map((steps) => {
  // Each step either invokes on a free process or completes the process's open operation.
  const open = new Map<number, { f: string; v: number; w: number; key: string }>();
  const lines: Line[] = [];
  for (const s of steps) {
    const o = open.get(s.p);
    if (!o) {
      const value: Json = s.f === "read" ? null : s.f === "write" ? s.v : [s.v, s.w];
      lines.push([s.p, "invoke", s.f as Line[2], value, s.key]);
      open.set(s.p, { f: s.f, v: s.v, w: s.w, key: s.key });
    } else {
      // A read's ok carries a value read; a cas may fail; an info leaves the operation pending.
      const value: Json = o.f === "read" ? (s.v === 2 ? null : s.v) : o.f === "write" ? o.v : [o.v, o.w];
      lines.push([s.p, s.end as Line[1], o.f as Line[2], value, o.key]);
      open.delete(s.p);
    }
  }
  return lines;
});

describe("linearizability: the search against the definition", () => {
  it("gives the brute-force verdict on every small history of reads, writes and cas, pending ones included", () => {
    let bad = 0;
    fc.assert(fc.property(history, (lines) => {
      const ops = opsOf(lines);
      const expected = bruteForce(ops);
      const r = checkLinearizability(ops, { model: "kv" });
      if (!expected) bad++;
      expect(r.verdict).toBe(expected ? "linearizable" : "not-linearizable");
      if (!expected) {
        // The window it reports is itself a witness: its operations alone, from any value the
        // key held (or from nil when the window starts there), fit no order.
        expect(r.failure!.operations.length).toBeGreaterThan(0);
        if (r.failure!.fromStart) expect(bruteForce(opsOf(linesOf(r.failure!.operations)))).toBe(false);
      }
    }), { numRuns: 1500, seed: 12 });
    // The generator must reach both verdicts, or the property proves little.
    expect(bad).toBeGreaterThan(50);
  });
});

/** An operation list back as lines, for the brute force (completions in return order). */
function linesOf(ops: readonly Operation[]): Line[] {
  const evs: Array<[number, Line]> = [];
  for (const o of ops) {
    const name = o.name as Line[2];
    const inv: Json = o.f === "read" ? null : o.f === "delete" ? null : o.input;
    // A pending operation never completes, so its process continues under a new id (Jepsen's rule).
    evs.push([o.call, [o.pending ? `${o.process}~${o.call}` : o.process, "invoke", name, inv, o.key ?? undefined]]);
    if (!o.pending) evs.push([o.ret, [o.process, "ok", name, o.f === "read" ? o.output : inv, o.key ?? undefined]]);
  }
  return evs.sort((a, b) => a[0] - b[0]).map((e) => e[1]);
}
