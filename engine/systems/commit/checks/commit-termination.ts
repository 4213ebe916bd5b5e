import { SECOND, formatMicros } from "../../../core/time";
import type { CheckerFactory, CheckOutcome, HistoryEntry } from "../../../check/checker";
import { durationValue } from "../config-values";
import { COMMIT_EVENTS, downAtEnd, seqs } from "./commit-history";

/** How long after the faults heal every live participant has to decide, by default. */
export const DEFAULT_TERMINATION_GRACE = 5 * SECOND;

/**
 * Atomic commit's termination (BHG ch. 7, AC5 in its "eventually" form): once failures are
 * repaired, every participant that voted yes decides. A participant whose node is down when the
 * run ends is excused; a yes vote is judged only if the run went on `params.grace` (default 5 s)
 * past both the vote and the moment the last fault healed.
 */
export const commitTermination: CheckerFactory = (params) => {
  const grace = durationValue(params.grace, "commit-termination params.grace", DEFAULT_TERMINATION_GRACE);
  return {
    name: "commit-termination",
    description: "Every participant that voted yes decides, within a grace period after the faults heal.",
    check(ctx) {
      const down = downAtEnd(ctx.faults, ctx.endedAt);
      const decided = new Set<string>();
      for (const h of ctx.history) if (h.event === COMMIT_EVENTS.decide) decided.add(`${h.address} ${String(h.fields.txn)}`);
      const open: HistoryEntry[] = [];
      for (const h of ctx.history) {
        if (h.event !== COMMIT_EVENTS.vote || h.fields.vote !== "yes") continue;
        if (down.has(h.node) || decided.has(`${h.address} ${String(h.fields.txn)}`)) continue;
        if (Math.max(h.t, ctx.healedAt) + grace > ctx.endedAt) continue;
        open.push(h);
      }
      const violations: CheckOutcome["violations"] = open.slice(0, 20).map((h) => ({
        message: `${h.address} voted yes on ${String(h.fields.txn)} at ${formatMicros(h.t)} and never decided, though it was up ` +
          `at the end and the run went on for more than ${formatMicros(grace)} after the last fault (${formatMicros(ctx.healedAt)})`,
        t: Math.max(h.t, ctx.healedAt) + grace,
        nodes: [h.node],
        history: [h.index],
        events: seqs([h]),
      }));
      if (open.length > violations.length) violations[0].message += ` (and ${open.length - violations.length} more undecided)`;
      return { violations };
    },
  };
};
