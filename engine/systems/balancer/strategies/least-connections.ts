import { ActiveCounts } from "../active-counts";
import { configKey, MembershipCache } from "../membership-cache";
import type { OptionTable } from "../../../options/option-table";
import { defaultsOf } from "../../../options/option-table";
import { readStrategyOptions } from "../options";
import { SmoothWeights } from "../smooth-weights";
import type { Instance, Outcome, PickRequest, Strategy } from "../strategy";
import { isUsable } from "../usable";

/**
 * Deliberate bugs a scenario can switch on to show what they do ("bug zoo").
 *
 * `leak-on-timeout`: the balancer forgets to decrement an instance's connection count when a
 * call to it times out (an `onEnd` with `timeout: true`). This is a real class of bug: the
 * count is decremented in the success and error paths but the timeout path returns early. Each
 * timeout leaves a phantom connection behind, so an instance that once had a slow spell looks
 * busy forever: least connections steers away from it even after it recovers, traffic piles
 * onto the instances with the fewest phantoms (a freshly added instance takes nearly
 * everything, a sinkhole), and with `maxConns` set a leaking instance ends up never picked.
 */
export type LeastConnectionsBug = "none" | "leak-on-timeout";

/** The bug zoo's entries for least connections, for option checks. */
export const LEAST_CONNECTIONS_BUGS: readonly LeastConnectionsBug[] = ["none", "leak-on-timeout"];

/** Options of nginx's `least_conn`. */
export interface LeastConnectionsOptions {
  /** nginx `max_fails`, for the effective-weight drop of the SWRR tie-break (see SWRR). */
  maxFails: number;
  /** A deliberate bug to reproduce; `"none"` is the correct behaviour. */
  bug: LeastConnectionsBug;
}

/** The options, declared once: nginx's default `max_fails=1`, and no bug. */
export const LEAST_CONNECTIONS_OPTIONS = {
  maxFails: { type: "int", default: 1, min: 0, max: 1000, description: "Each failure lowers a peer's effective weight by weight / maxFails in the tie-break; 0 turns that off.", source: "nginx max_fails" },
  bug: { type: "enum", default: "none", values: LEAST_CONNECTIONS_BUGS, description: "Bug zoo: leak-on-timeout (a timed-out call is never subtracted from its instance's count)." },
} as const satisfies OptionTable;

/** The defaults, from the table. */
export const LEAST_CONNECTIONS_DEFAULTS: LeastConnectionsOptions = defaultsOf(LEAST_CONNECTIONS_OPTIONS);

/**
 * nginx `least_conn` (ngx_http_upstream_least_conn_module.c): the usable peer with the fewest
 * connections per unit of weight wins, compared by cross-multiplying
 * (`conns_a * weight_b < conns_b * weight_a`) so no division rounds. When several peers share
 * that minimum, smooth weighted round robin chooses among them, starting from the first.
 * Connections are the ones this balancer started and has not yet seen end.
 */
export function createLeastConnections(options?: Partial<LeastConnectionsOptions>): Strategy {
  const opts = readStrategyOptions("least-connections", options, LEAST_CONNECTIONS_OPTIONS);
  const active = new ActiveCounts();
  const cache = new MembershipCache(configKey, (list) => SmoothWeights.of(list).weights);
  return {
    name: "least-connections",
    pick(instances: readonly Instance[], req: PickRequest): Instance | undefined {
      const weights = cache.get(instances);
      let best = -1;
      let many = false;
      for (let i = 0; i < instances.length; i++) {
        const inst = instances[i];
        if (!isUsable(inst, active, req)) continue;
        if (best < 0) {
          best = i;
          many = false;
          continue;
        }
        const lhs = active.get(inst.id) * instances[best].weight;
        const rhs = active.get(instances[best].id) * inst.weight;
        if (lhs < rhs) {
          best = i;
          many = false;
        } else if (lhs === rhs) {
          many = true;
        }
      }
      if (best < 0 || !many) return best < 0 ? undefined : instances[best];
      const b = instances[best];
      const bConns = active.get(b.id);
      const tied = (inst: Instance) =>
        isUsable(inst, active, req) && active.get(inst.id) * b.weight === bConns * inst.weight;
      return instances[weights.select(instances, tied, best)];
    },
    onStart(id: string): void {
      active.start(id);
    },
    onEnd(id: string, outcome: Outcome): void {
      const leak = opts.bug === "leak-on-timeout" && !outcome.ok && outcome.timeout === true;
      if (!leak) active.end(id);
      if (!outcome.ok) cache.current()?.fail(id, opts.maxFails);
    },
  };
}
