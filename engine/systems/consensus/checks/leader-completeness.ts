import type { CheckerFactory, CheckOutcome, HistoryEntry } from "../../../check/checker";
import { formatMicros } from "../../../core/time";

/** The term a log holds at `index`, from its term runs ([first index, term] pairs, ascending). */
export function termAtRuns(runs: ReadonlyArray<readonly [number, number]>, index: number): number {
  let t = -1;
  for (const [from, term] of runs) {
    if (from > index) break;
    t = term;
  }
  return t;
}

/**
 * Leader completeness (Raft Figure 3): an entry committed in a term is in the log of every
 * leader of a later term. An entry is known committed when some server applied it (a
 * `raft-apply` record); each `raft-leader` record carries the new leader's log as term runs
 * and its last index, so the check asks, for every entry applied before an election, whether
 * the winner's log holds an entry of the same term at that index (log matching makes the term
 * enough). Entries at or below the winner's snapshot are committed ones it holds.
 */
export const leaderCompleteness: CheckerFactory = () => ({
  name: "leader-completeness",
  description: "Every entry committed before a leader is elected is in that leader's log (Raft Figure 3).",
  check(ctx): CheckOutcome {
    const committed = new Map<number, HistoryEntry>();
    const violations: CheckOutcome["violations"] = [];
    let leaders = 0;
    for (const h of ctx.history) {
      if (h.event === "raft-apply") {
        const i = Number(h.fields.index);
        if (!committed.has(i)) committed.set(i, h);
        continue;
      }
      if (h.event !== "raft-leader") continue;
      leaders++;
      const runs = h.fields.runs as unknown as Array<[number, number]>;
      const last = Number(h.fields.lastIndex);
      const base = Number(h.fields.base ?? 0);
      for (const [i, c] of committed) {
        if (i <= base) continue;
        const held = i <= last ? termAtRuns(runs, i) : -1;
        if (held === Number(c.fields.term)) continue;
        violations.push({
          message: `${h.address} became leader of term ${String(h.fields.term)} at ${formatMicros(h.t)} without index ${i}, ` +
            `which ${c.address} had applied (term ${String(c.fields.term)}, ${String(c.fields.id)}) at ${formatMicros(c.t)}; it holds ${held < 0 ? "nothing" : `term ${held}`} there`,
          t: h.t, nodes: [h.node, c.node], history: [c.index, h.index], events: [],
        });
        break;
      }
      if (violations.length >= 20) break;
    }
    return { violations, findings: [{ message: `${leaders} leader(s) checked against ${committed.size} committed entries`, value: leaders }] };
  },
});
