import type { CheckerFactory, CheckOutcome } from "../../check/checker";
import { formatMicros } from "../../core/time";
import { toMicros } from "../../options/option-values";

/**
 * The `every-call-ends` liveness rule with deadlines: every proxied call that has a deadline ends
 * (in an answer, a fallback or an error) no later than its deadline plus `slack`, and none is
 * left open once its deadline has passed before the run ended. Reads `call-start` (with
 * `deadlineUs`) and `call-end` (with `latency`), both measured on the caller's clock. Online: it
 * keeps the calls open now and the first ten violations.
 *
 * Params: `slack` (default 0).
 */
export const callsMeetDeadlines: CheckerFactory = (params) => {
  const slack = params.slack === undefined ? 0 : toMicros(params.slack, "calls-meet-deadlines", "slack");
  return {
    name: "calls-meet-deadlines",
    description: "Every proxied call with a deadline ends by its deadline.",
    events: ["call-start", "call-end"],
    start() {
      const open = new Map<string, { t: number; index: number; node: string; deadlineUs: number }>();
      const violations: CheckOutcome["violations"] = [];
      const push = (v: CheckOutcome["violations"][number]) => { if (violations.length < 10) violations.push(v); };
      return {
        record(h) {
          if (h.event === "call-start") {
            if (typeof h.fields.deadlineUs === "number") {
              open.set(`${h.address}#${String(h.fields.n)}`, { t: h.t, index: h.index, node: h.node, deadlineUs: h.fields.deadlineUs });
            }
            return;
          }
          const key = `${h.address}#${String(h.fields.n)}`;
          const s = open.get(key);
          if (!s) return;
          open.delete(key);
          const latency = Number(h.fields.latency);
          if (latency > s.deadlineUs + slack) {
            push({ message: `${h.address} call ${String(h.fields.n)} ended after ${formatMicros(latency)}, past its ${formatMicros(s.deadlineUs)} deadline`, t: h.t, nodes: [h.node], history: [s.index, h.index], events: [] });
          }
        },
        finish(end): CheckOutcome {
          const down = end.faults.filter((f) => f.action === "crash" || f.action === "pause");
          for (const s of open.values()) {
            if (s.t + s.deadlineUs + slack >= end.endedAt) continue;
            // A caller that crashed or paused while the call was open could not end it.
            if (down.some((f) => "node" in f && f.node === s.node && f.at <= s.t + s.deadlineUs && f.at + (f.duration ?? Infinity) >= s.t)) continue;
            push({ message: `a call started by ${s.node} at ${formatMicros(s.t)} with a ${formatMicros(s.deadlineUs)} deadline never ended`, t: s.t, nodes: [s.node], history: [s.index], events: [] });
          }
          return { violations };
        },
      };
    },
  };
};
