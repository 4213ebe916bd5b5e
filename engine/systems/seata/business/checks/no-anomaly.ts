import type { CheckerFactory, CheckOutcome } from "../../../../check/checker";
import { formatMicros } from "../../../../core/time";
import { BUSINESS_RECORD } from "../business-records";

/**
 * `no-anomaly`: no mode reported an anomaly it detected itself (an `anomaly` record: Seata
 * AT's dirty write found at rollback, a TCC empty rollback or suspension, ...).
 * `params.kinds` limits it to some kinds.
 *
 * Findings: anomalies by kind.
 */
export const noAnomaly: CheckerFactory = (params) => {
  const kinds = Array.isArray(params.kinds) ? new Set(params.kinds.map(String)) : null;
  return {
    name: "no-anomaly",
    description: "No transaction mode reported an anomaly (dirty write at rollback, empty rollback, suspension, ...).",
    check(ctx): CheckOutcome {
      const violations: CheckOutcome["violations"] = [];
      const byKind = new Map<string, number>();
      for (const h of ctx.history) {
        if (h.event !== BUSINESS_RECORD.anomaly) continue;
        const kind = String(h.fields.kind);
        if (kinds && !kinds.has(kind)) continue;
        byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
        if (violations.length < 20) {
          violations.push({ message: `${h.address} reported ${kind} for ${String(h.fields.txn)} on ${String(h.fields.resource)} at ${formatMicros(h.t)}${h.fields.detail ? `: ${String(h.fields.detail)}` : ""}`, t: h.t, nodes: [h.node], history: [h.index], events: [] });
        }
      }
      const total = [...byKind.values()].reduce((a, b) => a + b, 0);
      return { violations, findings: [{ message: total === 0 ? "no anomaly reported" : [...byKind].map(([k, n]) => `${n} ${k}`).join(", "), value: total }] };
    },
  };
};
