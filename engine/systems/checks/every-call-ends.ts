import type { CheckerFactory } from "../../check/checker";

/**
 * Liveness of calls: every `call-start` in the history has its `call-end` (a response or an
 * error), unless it started so close to the end of the run that its deadline had not passed.
 */
export const everyCallEnds: CheckerFactory = (params) => {
  const grace = typeof params.grace === "number" ? params.grace : 5_000_000;
  return {
    name: "every-call-ends",
    description: "Every call ends in a response or an error before its deadline.",
    check(ctx) {
      const open = new Map<string, { t: number; index: number; node: string }>();
      for (const h of ctx.history) {
        const key = `${h.address}#${String(h.fields.n)}`;
        if (h.event === "call-start") open.set(key, { t: h.t, index: h.index, node: h.node });
        else if (h.event === "call-end") open.delete(key);
      }
      const violations = [...open.values()]
        .filter((o) => o.t + grace <= ctx.endedAt)
        .slice(0, 10)
        .map((o) => ({ message: `a call started at ${o.t}us by ${o.node} never ended`, t: o.t, nodes: [o.node], history: [o.index], events: [] }));
      return { violations };
    },
  };
};
