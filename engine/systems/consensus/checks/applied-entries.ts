import type { CheckerFactory, CheckOutcome, HistoryEntry } from "../../../check/checker";
import { formatMicros } from "../../../core/time";

/**
 * Checks over the entries servers apply (`raft-apply` records: index, term, id). `log-matching`
 * (Figure 3): two logs holding an entry with the same index and term hold the same entry (and,
 * by induction, the same prefix, which the paper proves from this). `state-machine-safety`: no
 * two servers apply different entries at the same index. The first is the weaker one: it fails
 * only when one (index, term) names two entries; the second also when two terms' entries were
 * applied at one index (the Figure 8 bug).
 */
function appliedChecker(kind: "log-matching" | "state-machine-safety"): CheckerFactory {
  return () => ({
    name: kind,
    description: kind === "log-matching"
      ? "Entries with the same index and term are the same entry, in every log (Raft Figure 3)."
      : "No two servers apply different entries at the same log index (Raft Figure 3).",
    check(ctx): CheckOutcome {
      const first = new Map<string, HistoryEntry>();
      const violations: CheckOutcome["violations"] = [];
      const reported = new Set<string>();
      let applied = 0;
      for (const h of ctx.history) {
        if (h.event !== "raft-apply") continue;
        applied++;
        const slot = kind === "log-matching" ? `${String(h.fields.index)}/${String(h.fields.term)}` : String(h.fields.index);
        const seen = first.get(slot);
        if (!seen) { first.set(slot, h); continue; }
        if (seen.fields.id === h.fields.id || reported.has(slot)) continue;
        reported.add(slot);
        if (violations.length >= 20) continue;
        violations.push({
          message: `index ${String(h.fields.index)}: ${seen.address} applied ${String(seen.fields.id)} (term ${String(seen.fields.term)}) at ${formatMicros(seen.t)}, ` +
            `but ${h.address} applied ${String(h.fields.id)} (term ${String(h.fields.term)}) at ${formatMicros(h.t)}`,
          t: h.t, nodes: [seen.node, h.node], history: [seen.index, h.index], events: [],
        });
      }
      return { violations, findings: [{ message: `${applied} entries applied, ${first.size} distinct ${kind === "log-matching" ? "(index, term) pairs" : "indices"}`, value: applied }] };
    },
  });
}

/** Log matching over applied entries. */
export const logMatching = appliedChecker("log-matching");
/** State machine safety over applied entries. */
export const stateMachineSafety = appliedChecker("state-machine-safety");
