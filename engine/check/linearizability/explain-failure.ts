import type { Json } from "../../core/json";
import type { Operation } from "./operation";
import { ANY_STATE, RegisterMachine } from "./register-machine";
import { searchLinearization } from "./search";
import { describeOperation, showValue, type PlaceName } from "./describe-operation";

/** The smallest offending window of one partition and why no order of it fits. */
export interface FailureWindow {
  key: string | null;
  /** The operations of the window, in invocation order (ids of the whole history). */
  operations: Operation[];
  /** The operation that could not take effect in any order, and the values the register could hold then. */
  culprit: Operation;
  possibleValues: Json[];
  /** Whether the window starts from the register's initial value (else: from any value it ever held). */
  fromStart: boolean;
  /** One sentence: which operations, which values, why no order fits. */
  message: string;
  /** Steps the minimization spent. */
  steps: number;
}

/**
 * Shrinks a non-linearizable partition to a small window that is still not linearizable on its
 * own, which makes it a witness: (1) the shortest prefix by completion time (operations still
 * running at its end become pending, which only allows more orders); (2) the latest start: all
 * operations that complete after some point, closed so that every operation left out precedes
 * every one kept, and searched from ANY_STATE (any value the register ever held), which again
 * only allows more. Both steps are binary searches on a monotone property. Histories with
 * appends keep their start (their states cannot be enumerated). `budget` bounds the steps; when
 * it runs out the window found so far is returned.
 */
export function explainFailure(ops: readonly Operation[], budget: number, place: PlaceName): FailureWindow {
  let steps = 0;
  const fails = (window: Operation[], start: "initial" | "any"): boolean | null => {
    const local = window.map((o, id) => ({ ...o, id }));
    const m = new RegisterMachine(local, ops);
    const r = searchLinearization(local, m, start === "any" ? ANY_STATE : m.initial, Math.max(0, budget - steps));
    steps += r.steps;
    return r.verdict === "unknown" ? null : r.verdict === "not-linearizable";
  };
  // (1) The shortest failing prefix.
  const rets = ops.filter((o) => !o.pending).map((o) => o.ret).sort((a, b) => a - b);
  const prefix = (t: number): Operation[] => ops.filter((o) => o.call < t && !(o.ret > t && o.f === "read"))
    .map((o) => (o.ret > t ? { ...o, pending: true, ret: Infinity } : o));
  let lo = 0, hi = rets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const r = fails(prefix(rets[mid]), "initial");
    if (r === null) break;
    if (r) hi = mid; else lo = mid + 1;
  }
  let window = prefix(rets[hi]);
  let fromStart = true;
  // (2) The latest start.
  if (!window.some((o) => o.f === "append")) {
    const closed = (c: number): Operation[] => {
      let bound = c;
      for (;;) {
        const kept = window.filter((o) => o.ret > bound);
        const min = Math.min(...kept.map((o) => o.call));
        if (min >= bound) return kept;
        bound = min;
      }
    };
    const starts = [...new Set(window.map((o) => o.call))].sort((a, b) => a - b);
    let a = 0, b = starts.length - 1;
    while (a < b) {
      const mid = (a + b + 1) >>> 1;
      const w = closed(starts[mid]);
      const r = w.length === window.length ? fails(w, "initial") : fails(w, "any");
      if (r === null) break;
      if (r) a = mid; else b = mid - 1;
    }
    const w = closed(starts[a]);
    if (w.length < window.length) { window = w; fromStart = false; }
  }
  // Why: the values the register could hold each time the search had to give up at the last completion.
  const local = window.map((o, id) => ({ ...o, id }));
  const m = new RegisterMachine(local, ops);
  const culpritLocal = local.filter((o) => !o.pending).reduce((x, y) => (y.ret > x.ret ? y : x));
  const seen = new Set<number>();
  steps += searchLinearization(local, m, fromStart ? m.initial : ANY_STATE, Math.max(0, budget - steps), (op, state) => {
    if (op !== culpritLocal.id) return;
    // Stuck before anything fixed the value: it could be any value the register ever held.
    if (state === ANY_STATE) for (const p of m.possibleStates()) seen.add(p);
    else seen.add(state);
  }).steps;
  const operations = window.map((o) => ops.find((x) => x.call === o.call)!);
  const culprit = operations[culpritLocal.id];
  const possibleValues = [...seen].sort((x, y) => x - y).map((s) => m.values[s]);
  return { key: culprit.key, operations, culprit, possibleValues, fromStart, message: sentence(operations, culprit, possibleValues, fromStart, place), steps };
}

function sentence(ops: Operation[], culprit: Operation, values: Json[], fromStart: boolean, place: PlaceName): string {
  const key = culprit.key === null ? "the register" : `key ${culprit.key}`;
  const could = values.length === 0 ? "" : `, ${key} could only hold ${orList(values.map(showValue))} by then`;
  const why =
    culprit.f === "read" ? `its read returned ${showValue(culprit.output)}, but in every order of the others consistent with real time${could}`
    : culprit.f === "cas" ? `its cas expected ${showValue((culprit.input as Json[])[0])}, but in every order of the others consistent with real time${could}`
    : `no order lets it and the others return what they returned${could}`;
  const start = fromStart ? `starting from nil` : `starting from any value ${key} ever held`;
  return `No order of these ${ops.length} operations on ${key} (${start}) is consistent with real time: ` +
    `${describeOperation(culprit, place, false)} must take effect by ${place(culprit.retAt ?? culprit.callAt)}; ${why}. ` +
    `Operations: ${ops.map((o) => describeOperation(o, place, false)).join("; ")}.`;
}

function orList(xs: string[]): string {
  return xs.length <= 1 ? xs.join("") : `${xs.slice(0, -1).join(", ")} or ${xs[xs.length - 1]}`;
}
