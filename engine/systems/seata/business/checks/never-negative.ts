import type { CheckerFactory, CheckOutcome } from "../../../../check/checker";
import { formatMicros } from "../../../../core/time";
import { BUSINESS_RECORD } from "../business-records";

/**
 * `never-negative`: no stock count and no balance is ever written below zero, by a forward
 * write or an undo. Judged on every write, not only the last.
 */
export const neverNegative: CheckerFactory = () => ({
  name: "never-negative",
  description: "No stock count and no account balance is ever below zero.",
  check(ctx): CheckOutcome {
    const violations: CheckOutcome["violations"] = [];
    let writes = 0;
    for (const h of ctx.history) {
      if (h.event !== BUSINESS_RECORD.write) continue;
      const r = String(h.fields.resource);
      if (!r.startsWith("stock/") && !r.startsWith("account/")) continue;
      writes++;
      if (Number(h.fields.after) >= 0 || violations.length >= 20) continue;
      violations.push({ message: `${r} was written ${String(h.fields.after)} at ${formatMicros(h.t)} by ${String(h.fields.txn)} at ${h.address}`, t: h.t, nodes: [h.node], history: [h.index], events: [] });
    }
    return { violations, findings: [{ message: `${writes} stock and balance write(s) judged`, value: violations.length }] };
  },
});
