import type { CheckerFactory } from "../../check/checker";

/**
 * Liveness of calls: every `call-start` in the history has its `call-end` (a response or an
 * error), unless it started so close to the end of the run that its deadline had not passed.
 * Online: it keeps only the calls open now, so its memory is bounded by the calls in flight.
 */
export const everyCallEnds: CheckerFactory = (params) => {
  const grace = typeof params.grace === "number" ? params.grace : 5_000_000;
  return {
    name: "every-call-ends",
    description: "Every call ends in a response or an error before its deadline.",
    events: ["call-start", "call-end"],
    start() {
      const open = new Map<string, { t: number; index: number; node: string }>();
      return {
        record(h) {
          const key = `${h.address}#${String(h.fields.n)}`;
          if (h.event === "call-start") open.set(key, { t: h.t, index: h.index, node: h.node });
          else open.delete(key);
        },
        finish(end) {
          const violations = [...open.values()]
            .filter((o) => o.t + grace <= end.endedAt)
            .slice(0, 10)
            .map((o) => ({ message: `a call started at ${o.t}us by ${o.node} never ended`, t: o.t, nodes: [o.node], history: [o.index], events: [] }));
          return { violations };
        },
      };
    },
  };
};
