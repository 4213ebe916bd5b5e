import type { CheckerFactory, CheckOutcome } from "../../check/checker";
import { SECOND } from "../../core/time";
import { formatMicros } from "../../core/time";
import { toMicros } from "../../options/option-values";

/** The causes of a server view change that mean a client registered or the instance was heard from. */
const CLIENT_ADDS = new Set(["register", "renew", "status"]);

/**
 * No call is routed to an instance that the registry removed (cancelled, evicted, marked
 * unhealthy, deleted, taken out of service) longer than `bound` ago. An instance counts as gone
 * from the first removal on any server, until a client registration (or a heartbeat that
 * restores it) adds it back on some server. Reads `registry-view` (servers) and `call-attempt`.
 * Online: it keeps the instances gone now, the caller/instance pairs reported (at most ten) and
 * a count.
 *
 * Params: `bound`, the staleness a deployment accepts (default 60 s: Eureka's 30 s response
 * cache plus a 30 s client fetch).
 */
export const noStaleRouting: CheckerFactory = (params) => {
  const bound = params.bound === undefined ? 60 * SECOND : toMicros(params.bound, "no-stale-routing", "bound");
  return {
    name: "no-stale-routing",
    description: `No call is routed to an instance the registry removed more than ${formatMicros(bound)} before.`,
    events: ["registry-view", "call-attempt"],
    start() {
      const gone = new Map<string, { t: number; index: number; node: string }>();
      const reported = new Set<string>();
      const violations: CheckOutcome["violations"] = [];
      let stale = 0;
      return {
        record(h) {
          if (h.event === "registry-view") {
            if (h.fields.role !== "server") return;
            for (const id of (h.fields.removed as string[] | undefined) ?? []) {
              if (!gone.has(id)) gone.set(id, { t: h.t, index: h.index, node: h.node });
            }
            if (CLIENT_ADDS.has(String(h.fields.cause))) for (const id of (h.fields.added as string[] | undefined) ?? []) gone.delete(id);
            return;
          }
          if (gone.size === 0) return;
          const id = String(h.fields.instance);
          const g = gone.get(id);
          if (!g || h.t <= g.t + bound) return;
          stale++;
          const pair = `${h.address}\u0000${id}`;
          if (reported.has(pair) || violations.length >= 10) return;
          reported.add(pair);
          violations.push({
            message: `${h.address} routed a call to ${id} at ${formatMicros(h.t)}, ${formatMicros(h.t - g.t)} after ${g.node} removed it (bound ${formatMicros(bound)})`,
            t: h.t, nodes: [h.node, g.node], history: [g.index, h.index], events: [],
          });
        },
        finish(): CheckOutcome {
          return { violations, findings: stale > 0 ? [{ message: `${stale} attempts went to instances removed longer than the bound`, value: stale }] : [] };
        },
      };
    },
  };
};
