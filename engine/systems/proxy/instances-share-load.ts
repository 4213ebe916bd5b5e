import type { CheckerFactory, CheckOutcome } from "../../check/checker";
import { SECOND, formatMicros } from "../../core/time";
import { toMicros } from "../../options/option-values";
import { downDuring, nodeDowntime } from "../registry/node-downtime";

/**
 * Once faults have healed and `settle` has passed, every client spreads its attempts over all the
 * live instances it knows: none gets less than `minShare` of an even share. For equal instances
 * behind a load-aware balancer, a starved instance means the balancer believes something false
 * about it (a leaked connection count, a stuck ejection). The instances a client knows are those
 * of its last registry view before the end, or, with a static list, every instance it ever
 * called; instances whose node was down or paused in the window are left out.
 *
 * Params: `settle` (default 10 s), `minShare` (default 0.25), `minAttempts` (default 100: with
 * fewer attempts in the window the shares mean nothing and the client is not judged).
 */
export const instancesShareLoad: CheckerFactory = (params) => {
  const settle = params.settle === undefined ? 10 * SECOND : toMicros(params.settle, "instances-share-load", "settle");
  const minShare = typeof params.minShare === "number" ? params.minShare : 0.25;
  const minAttempts = typeof params.minAttempts === "number" ? params.minAttempts : 100;
  return {
    name: "instances-share-load",
    description: `After faults heal, no live instance gets less than ${minShare} of an even share of a client's calls.`,
    check(ctx): CheckOutcome {
      const from = ctx.healedAt + settle;
      if (from >= ctx.endedAt) return { violations: [], findings: [{ message: "the run ended before the settle time after the last fault" }] };
      const down = nodeDowntime(ctx.faults);
      const perClient = new Map<string, { node: string; counts: Map<string, number>; addresses: Map<string, string>; ever: Set<string>; view: string[] | null; total: number }>();
      const of = (address: string, node: string) => {
        let c = perClient.get(address);
        if (!c) perClient.set(address, (c = { node, counts: new Map(), addresses: new Map(), ever: new Set(), view: null, total: 0 }));
        return c;
      };
      for (const h of ctx.history) {
        if (h.event === "registry-view" && h.fields.role === "client") of(h.address, h.node).view = h.fields.ids as string[];
        else if (h.event === "call-attempt") {
          const c = of(h.address, h.node);
          const id = String(h.fields.instance);
          c.ever.add(id);
          c.addresses.set(id, String(h.fields.address));
          if (h.t <= from) continue;
          c.counts.set(id, (c.counts.get(id) ?? 0) + 1);
          c.total++;
        }
      }
      const violations: CheckOutcome["violations"] = [];
      for (const [address, c] of perClient) {
        if (c.total < minAttempts || downDuring(down, c.node, from, ctx.endedAt)) continue;
        const known = (c.view ?? [...c.ever]).filter((id) => {
          const a = c.addresses.get(id) ?? id;
          return !downDuring(down, a.slice(0, a.indexOf("/")), from, ctx.endedAt);
        });
        if (known.length < 2) continue;
        const fair = c.total / known.length;
        for (const id of known.sort()) {
          const got = c.counts.get(id) ?? 0;
          if (got >= minShare * fair) continue;
          violations.push({
            message: `${address} sent ${got} of ${c.total} attempts after ${formatMicros(from)} to ${id}, less than ${minShare} of an even share (${fair.toFixed(1)})`,
            t: from, nodes: [c.node], history: [], events: [],
          });
        }
      }
      return { violations: violations.slice(0, 10) };
    },
  };
};
