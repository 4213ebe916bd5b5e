import type { CheckerFactory, CheckOutcome } from "../../../check/checker";
import { formatMicros } from "../../../core/time";
import { COMMIT_EVENTS, byTxn, participantsOf, seqs } from "./commit-history";

type Violation = CheckOutcome["violations"][number];

/**
 * Atomic commit's validity (BHG ch. 7, AC3): a transaction commits only if every participant
 * voted yes (a read-only vote counts as yes: that participant changed nothing). The participant
 * list is the coordinator's `begin` record (else the client's); each participant's vote must be
 * recorded before the first commit anywhere.
 */
export const validity: CheckerFactory = () => ({
  name: "validity",
  description: "A transaction commits only if every participant voted yes.",
  check(ctx) {
    const violations: Violation[] = [];
    for (const [txn, entries] of byTxn(ctx.history)) {
      const commit = entries.find((h) => h.event === COMMIT_EVENTS.decide && h.fields.outcome === "commit");
      if (!commit) continue;
      const participants = participantsOf(entries);
      for (const p of participants) {
        const votes = entries.filter((h) => h.event === COMMIT_EVENTS.vote && h.address === p && h.index < commit.index);
        const last = votes[votes.length - 1];
        if (last && (last.fields.vote === "yes" || last.fields.vote === "read-only")) continue;
        const said = last ? `voted ${String(last.fields.vote)} at ${formatMicros(last.t)}` : "had not voted";
        const shown = last ? [last, commit] : [commit];
        violations.push({
          message: `${txn}: ${commit.address} committed at ${formatMicros(commit.t)}, but participant ${p} ${said}`,
          t: commit.t,
          nodes: [...new Set([commit.node, p.split("/")[0]])],
          history: shown.map((h) => h.index),
          events: seqs(shown),
        });
      }
      if (violations.length >= 20) break;
    }
    return { violations: violations.slice(0, 20) };
  },
});
