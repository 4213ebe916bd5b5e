import type { CheckerFactory, CheckOutcome, HistoryEntry } from "../../../../check/checker";
import { formatMicros } from "../../../../core/time";

/**
 * Lock safety by the true clock: no two clients hold the lock at once. A client holds it from
 * its `lock-acquired` to its `lock-released` (or its node's crash, from the run's faults: a crashed client holds nothing).
 * The history is in true-time order, so local clocks that drift cannot hide an overlap.
 */
export const oneLockHolder: CheckerFactory = () => ({
  name: "one-lock-holder",
  description: "No two clients hold the lock at the same true time (the ZooKeeper lock recipe's safety).",
  check(ctx): CheckOutcome {
    const holders = new Map<string, HistoryEntry>();
    const violations: CheckOutcome["violations"] = [];
    let acquired = 0;
    // A crash ends whatever its node's clients held: their memory, and the lock with it.
    const crashes = ctx.faults.flatMap((f) => (f.action === "crash" ? [{ t: f.at, node: f.node }] : [])).sort((a, b) => a.t - b.t);
    let c = 0;
    for (const h of ctx.history) {
      for (; c < crashes.length && crashes[c].t <= h.t; c++) for (const [a, e] of holders) if (e.node === crashes[c].node) holders.delete(a);
      if (h.event === "lock-released") { holders.delete(h.address); continue; }
      if (h.event !== "lock-acquired") continue;
      acquired++;
      for (const [, other] of holders) {
        if (other.address === h.address || violations.length >= 20) continue;
        violations.push({
          message: `${h.address} took the lock (${String(h.fields.node)}) at ${formatMicros(h.t)} while ${other.address} held it (${String(other.fields.node)}, since ${formatMicros(other.t)})`,
          t: h.t, nodes: [other.node, h.node], history: [other.index, h.index], events: [],
        });
      }
      holders.set(h.address, h);
    }
    return { violations, findings: [{ message: `the lock was taken ${acquired} time(s)`, value: acquired }] };
  },
});
