/**
 * The module `clustersim init` writes: the project's own service, a durable counter, written
 * against the runtime API only, and the promise it makes as a checker. It is a template for a
 * team to replace with its own code, so it is small and says why at every step. TypeScript
 * projects get it typed; others get the same code as JavaScript.
 */
export function starterModule(typescript: boolean): string {
  const t = (ts: string, js = "") => (typescript ? ts : js);
  return `// Your own service, run by clustersim under faults. Replace the counter with your code: a
// process kind is a factory that gets the runtime (its clock, network, timers, disk, random
// stream, history) and returns its handlers. clustersim loads this file because
// starter.yaml names it under \`modules:\`.
${t(`import type { CheckerCatalog, CheckOutcome, ProcessCatalog, ProcessFactory } from "clustersim/engine";\n`)}
const MS = 1000;

/** Counts requests durably: the count is synced to disk before it is acknowledged. */
const counter${t(": ProcessFactory")} = (rt) => {
  let n = rt.disk.read${t("<number>")}("n") ?? 0;
  return {
    start() {
      rt.record("recovered", { n });
    },
    // Every call arrives here; \`type\` is what the caller named.
    async request(req) {
      if (req.type !== "increment") throw new Error(\`unknown request \${req.type}\`);
      await rt.sleep(1 * MS);
      rt.disk.write("n", ++n);
      rt.disk.sync(); // only synced writes survive a crash
      rt.record("acked", { n });
      return n;
    },
  };
};

/** Calls the counter every 50ms and lets the checker see every acknowledgement. */
const caller${t(": ProcessFactory")} = (rt, config) => {
  const tick = async () => {
    rt.setTimer(50 * MS, tick, "tick");
    try {
      await rt.call(config.target${t(" as string")}, "increment", null, { timeout: 100 * MS });
    } catch {
      // A crashed counter times out; the checker looks at what was acknowledged.
    }
  };
  return { start() { rt.setTimer(50 * MS, tick, "tick"); } };
};

export const processes${t(": ProcessCatalog")} = {
  counter: { factory: counter, description: "Counts requests, synced before each acknowledgement." },
  caller: { factory: caller, description: "Calls the counter every 50ms." },
};

export const checkers${t(": CheckerCatalog")} = {
  "count-never-goes-back": {
    description: "After a restart the counter has at least every count it acknowledged.",
    factory: () => ({
      name: "count-never-goes-back",
      description: "After a restart the counter has at least every count it acknowledged.",
      check(ctx) {
        const violations${t(': CheckOutcome["violations"]')} = [];
        let acked = 0;
        for (const h of ctx.history) {
          if (h.event === "acked") acked = Math.max(acked, h.fields.n${t(" as number")});
          if (h.event === "recovered" && ${t("(h.fields.n as number)", "h.fields.n")} < acked) {
            violations.push({ check: "count-never-goes-back", message: \`\${h.address} recovered \${h.fields.n}, but \${acked} had been acknowledged\`, t: h.t, nodes: [h.node], history: [h.index], events: [] });
          }
        }
        // A run in which nothing was acknowledged proves nothing: say so rather than pass.
        if (acked === 0) violations.push({ message: "no count was ever acknowledged: the caller never reached the counter", t: ctx.endedAt, nodes: [], history: [], events: [] });
        return { violations };
      },
    }),
  },
};
`;
}
