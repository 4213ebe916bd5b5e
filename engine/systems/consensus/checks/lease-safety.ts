import type { CheckerFactory, CheckOutcome, HistoryEntry } from "../../../check/checker";
import { formatMicros } from "../../../core/time";

/**
 * Lease safety: no two servers hold the leader lease at once by the true clock. A leader holds
 * its lease when it answers a read under it (`raft-lease-read`, term T, at true time t); it
 * held it wrongly if a leader of a later term had already been elected by then (a
 * `raft-leader` record of term > T before t), since that leader may have committed writes the
 * read cannot see. Without lease reads the check holds trivially and says so.
 */
export const leaseSafety: CheckerFactory = () => ({
  name: "lease-safety",
  description: "No leader answers a read under its lease after a leader of a later term was elected (by the true clock).",
  check(ctx): CheckOutcome {
    let newest: HistoryEntry | null = null;
    let reads = 0;
    const violations: CheckOutcome["violations"] = [];
    const reported = new Set<string>();
    for (const h of ctx.history) {
      if (h.event === "raft-leader") {
        if (!newest || Number(h.fields.term) > Number(newest.fields.term)) newest = h;
        continue;
      }
      if (h.event !== "raft-lease-read") continue;
      reads++;
      if (!newest || Number(newest.fields.term) <= Number(h.fields.term)) continue;
      const key = `${h.address}/${String(h.fields.term)}`;
      if (reported.has(key)) continue;
      reported.add(key);
      violations.push({
        message: `${h.address} answered a read under its term-${String(h.fields.term)} lease at ${formatMicros(h.t)}, ` +
          `but ${newest.address} had been elected leader of term ${String(newest.fields.term)} at ${formatMicros(newest.t)}`,
        t: h.t, nodes: [h.node, newest.node], history: [newest.index, h.index], events: [],
      });
    }
    return { violations, findings: [{ message: reads === 0 ? "no reads were served under a lease" : `${reads} read(s) served under a lease`, value: reads }] };
  },
});
