import type { CheckerFactory, CheckOutcome } from "../../../../check/checker";
import { formatMicros } from "../../../../core/time";
import { businessView, outcomeOf, presentEffects } from "./business-history";

/**
 * `atomic-outcome`: every place-order transaction ends with all three of its effects (the
 * order row, the stock taken, the account debited) or with none, and with the ones its
 * client was told: a committed transaction keeps all three, a rolled-back one none. A
 * transaction whose client learned nothing (or `unknown`) must still be all or nothing. A
 * rollback that stopped (`rollback-failed`, Seata AT's dirty write) is a violation: its effects
 * stay until a person repairs them. Judged on the rows at the end of the run.
 *
 * Findings: how many transactions committed, rolled back, failed to roll back, or stayed unknown.
 */
export const atomicOutcome: CheckerFactory = () => ({
  name: "atomic-outcome",
  description: "Every place-order transaction keeps all of its branches' effects or none, as its client was told.",
  check(ctx): CheckOutcome {
    const v = businessView(ctx.history);
    const violations: CheckOutcome["violations"] = [];
    const counts = { committed: 0, "rolled-back": 0, "rollback-failed": 0, unknown: 0 };
    for (const t of v.txns.values()) {
      const outcome = outcomeOf(t) ?? "unknown";
      counts[outcome]++;
      const e = presentEffects(t);
      const at = t.outcome?.t ?? ctx.endedAt;
      const nodes = [t.begin.node];
      const history = [t.begin.index, ...(t.outcome ? [t.outcome.index] : []), ...t.writes].slice(0, 40);
      const say = (message: string) => { if (violations.length < 20) violations.push({ message, t: at, nodes, history, events: [] }); };
      const left = [...e.present, ...e.partial];
      if (outcome === "committed" && (e.absent.length > 0 || e.partial.length > 0)) {
        say(`${t.order.txn} committed at ${formatMicros(at)}, but ${[...e.absent, ...e.partial].join(", ")} ${e.absent.length + e.partial.length === 1 ? "does" : "do"} not hold its effect at the end`);
      } else if (outcome === "rolled-back" && left.length > 0) {
        say(`${t.order.txn} rolled back at ${formatMicros(at)}, but its effect on ${left.join(", ")} stays at the end`);
      } else if (outcome === "rollback-failed") {
        say(`${t.order.txn}'s rollback stopped at ${formatMicros(at)} (needs manual handling): its effect on ${left.length > 0 ? left.join(", ") : "no row"} stays`);
      } else if (outcome === "unknown" && left.length > 0 && (e.absent.length > 0 || e.partial.length > 0)) {
        say(`${t.order.txn} ended unknown, with its effect on ${e.present.join(", ") || "no row in full"} but not on ${[...e.absent, ...e.partial].join(", ")}`);
      }
    }
    return {
      violations,
      findings: [{ message: `${counts.committed} committed, ${counts["rolled-back"]} rolled back, ${counts["rollback-failed"]} rollback(s) failed, ${counts.unknown} unknown`, value: counts.committed }],
    };
  },
});
