import type { CheckerFactory, CheckOutcome } from "../../../../check/checker";
import { formatMicros } from "../../../../core/time";
import { businessView, outcomeOf } from "./business-history";

/**
 * `no-dirty-read`: no reader reads a value written by a transaction that did not commit. A
 * read records the transaction whose write it saw (`writer`); when that transaction's client
 * learned `rolled-back` or `rollback-failed`, the reader saw data that, by the end, never
 * existed as far as the business is concerned. This is what Seata AT's default global
 * isolation, read uncommitted, allows: phase one commits locally, so a plain SELECT sees it
 * before the global transaction decides. A read of a transaction that later committed is not
 * flagged (it read early, not wrongly); one whose writer's outcome is unknown is not judged.
 *
 * Findings: reads judged, dirty reads, and the transactions they saw.
 */
export const noDirtyRead: CheckerFactory = () => ({
  name: "no-dirty-read",
  description: "No read returns a value written by a transaction that then rolled back.",
  check(ctx): CheckOutcome {
    const v = businessView(ctx.history);
    const violations: CheckOutcome["violations"] = [];
    const seen = new Set<string>();
    let dirty = 0;
    for (const r of v.reads) {
      const writer = r.fields.writer;
      if (writer === null || writer === undefined) continue;
      const t = v.txns.get(String(writer));
      const outcome = t ? outcomeOf(t) : null;
      if (outcome !== "rolled-back" && outcome !== "rollback-failed") continue;
      dirty++;
      seen.add(String(writer));
      if (violations.length < 20) {
        violations.push({
          message: `${r.address} read ${String(r.fields.resource)} = ${String(r.fields.value)} at ${formatMicros(r.t)}, written by ${String(writer)}, which then ${outcome === "rolled-back" ? "rolled back" : "failed to roll back"}${t?.outcome ? ` at ${formatMicros(t.outcome.t)}` : ""}`,
          t: r.t, nodes: [r.node], history: [r.index, ...(t?.outcome ? [t.outcome.index] : [])], events: [],
        });
      }
    }
    return { violations, findings: [{ message: `${v.reads.length} read(s) judged, ${dirty} dirty (of ${seen.size} transaction(s) that did not commit)`, value: dirty }] };
  },
});
