import type { CheckerFactory, CheckOutcome } from "../../check/checker";
import { formatMicros } from "../../core/time";

/**
 * No call passes an open breaker beyond its half-open probes: replaying each client's
 * `breaker-transition` records, no `call-attempt` guarded by a breaker is sent while it is OPEN
 * or FORCED_OPEN, and at most `permittedNumberOfCallsInHalfOpenState` (recorded with the
 * transition) are sent in each HALF_OPEN period. The state is rebuilt from the transitions, not
 * taken from the attempt's own record, so a breaker that lies about its state is still caught.
 */
export const breakerProbes: CheckerFactory = () => ({
  name: "breaker-probes",
  description: "No call passes an open circuit breaker, and half-open lets through no more than its probes.",
  check(ctx): CheckOutcome {
    const state = new Map<string, { state: string; permits: number; probes: number; since: number; index: number }>();
    const violations: CheckOutcome["violations"] = [];
    const reported = new Set<string>();
    for (const h of ctx.history) {
      if (h.event === "breaker-transition") {
        const key = `${h.address}\u0000${String(h.fields.breaker)}`;
        state.set(key, { state: String(h.fields.to), permits: Number(h.fields.permits), probes: 0, since: h.t, index: h.index });
        reported.delete(key);
      } else if (h.event === "call-attempt" && h.fields.breaker !== undefined) {
        const key = `${h.address}\u0000${String(h.fields.breaker)}`;
        const s = state.get(key);
        if (!s) continue; // CLOSED since it was made
        let problem: string | null = null;
        if (s.state === "OPEN" || s.state === "FORCED_OPEN") problem = `passed the ${s.state} breaker ${String(h.fields.breaker)} (open since ${formatMicros(s.since)})`;
        else if (s.state === "HALF_OPEN" && ++s.probes > s.permits) {
          problem = `was probe ${s.probes} of breaker ${String(h.fields.breaker)}, which permits ${s.permits} in HALF_OPEN (since ${formatMicros(s.since)})`;
        }
        if (problem === null || reported.has(key) || violations.length >= 10) continue;
        reported.add(key);
        violations.push({ message: `${h.address}: the call attempt at ${formatMicros(h.t)} ${problem}`, t: h.t, nodes: [h.node], history: [s.index, h.index], events: [] });
      }
    }
    return { violations };
  },
});
