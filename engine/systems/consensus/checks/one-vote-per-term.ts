import type { CheckerFactory, CheckOutcome, HistoryEntry } from "../../../check/checker";
import { formatMicros } from "../../../core/time";

/**
 * One vote per term (Raft §5.2: "each server will vote for at most one candidate in a given
 * term", which election safety rests on). Reads the `raft-vote` records, across restarts: a
 * server that forgot its vote and granted another candidate the same term fails it, whether or
 * not the second vote went on to elect a second leader.
 */
export const oneVotePerTerm: CheckerFactory = () => ({
  name: "one-vote-per-term",
  description: "No server votes for two candidates in the same term, across restarts (Raft §5.2).",
  check(ctx): CheckOutcome {
    const votes = new Map<string, HistoryEntry>();
    const violations: CheckOutcome["violations"] = [];
    let n = 0;
    for (const h of ctx.history) {
      if (h.event !== "raft-vote") continue;
      n++;
      const slot = `${h.address} ${String(h.fields.term)}`;
      const first = votes.get(slot);
      if (!first) { votes.set(slot, h); continue; }
      if (first.fields.for === h.fields.for || violations.length >= 20) continue;
      violations.push({
        message: `${h.address} voted for ${String(first.fields.for)} in term ${String(h.fields.term)} at ${formatMicros(first.t)}, then for ${String(h.fields.for)} in the same term at ${formatMicros(h.t)}`,
        t: h.t, nodes: [h.node], history: [first.index, h.index], events: [],
      });
    }
    return { violations, findings: [{ message: `${n} vote(s) granted`, value: n }] };
  },
});
