import type { CheckerFactory, CheckOutcome } from "../../../check/checker";
import { formatMicros } from "../../../core/time";

/**
 * Election safety (Raft Figure 3): at most one leader is elected in a given term. Reads the
 * `raft-leader` records every server makes when it wins an election.
 */
export const electionSafety: CheckerFactory = () => ({
  name: "election-safety",
  description: "At most one leader is elected in a term (Raft Figure 3).",
  check(ctx): CheckOutcome {
    const byTerm = new Map<number, { address: string; t: number; index: number }>();
    const violations: CheckOutcome["violations"] = [];
    let elections = 0;
    for (const h of ctx.history) {
      if (h.event !== "raft-leader") continue;
      elections++;
      const term = Number(h.fields.term);
      const first = byTerm.get(term);
      if (!first) { byTerm.set(term, { address: h.address, t: h.t, index: h.index }); continue; }
      if (first.address === h.address) continue;
      violations.push({
        message: `two leaders in term ${term}: ${first.address} (elected at ${formatMicros(first.t)}) and ${h.address} (at ${formatMicros(h.t)})`,
        t: h.t, nodes: [first.address.split("/")[0], h.node], history: [first.index, h.index], events: [],
      });
    }
    return { violations, findings: [{ message: `${elections} election(s) won in ${byTerm.size} term(s)`, value: elections }] };
  },
});
