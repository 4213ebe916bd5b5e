import type { CheckerFactory, CheckOutcome, HistoryEntry } from "../../../../check/checker";
import { formatMicros } from "../../../../core/time";

/**
 * A standard ZooKeeper watch is one-shot: each registration (`zk-watch-set`, one id) fires at
 * most once (`zk-watch-fired`), and its client receives it at most once (`zk-watch-event`).
 * ZooKeeper 3.6's persistent watches are the exception and are not modelled.
 */
export const watchFiresOnce: CheckerFactory = () => ({
  name: "watch-fires-once",
  description: "Each watch registration fires at most once and is delivered at most once.",
  check(ctx): CheckOutcome {
    const fired = new Map<string, HistoryEntry>();
    const got = new Map<string, HistoryEntry>();
    const violations: CheckOutcome["violations"] = [];
    let n = 0;
    for (const h of ctx.history) {
      const seen = h.event === "zk-watch-fired" ? fired : h.event === "zk-watch-event" ? got : null;
      if (!seen) continue;
      const id = String(h.fields.id);
      const key = h.event === "zk-watch-event" ? `${h.address} ${id}` : id;
      if (h.event === "zk-watch-fired") n++;
      const first = seen.get(key);
      if (!first) { seen.set(key, h); continue; }
      if (violations.length < 20) {
        violations.push({
          message: `watch ${id} on ${String(h.fields.path)} ${h.event === "zk-watch-fired" ? `fired again at ${h.address}` : `reached ${h.address} again`} at ${formatMicros(h.t)} (${String(h.fields.type)}), after ${String(first.fields.type)} at ${formatMicros(first.t)}`,
          t: h.t, nodes: [h.node], history: [first.index, h.index], events: [],
        });
      }
    }
    return { violations, findings: [{ message: `${n} watch notification(s) fired`, value: n }] };
  },
});
