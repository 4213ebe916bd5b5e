import { ActiveCounts } from "../active-counts";
import { configKey, MembershipCache } from "../membership-cache";
import type { OptionTable } from "../../../options/option-table";
import { defaultsOf } from "../../../options/option-table";
import { readStrategyOptions } from "../options";
import { SmoothWeights } from "../smooth-weights";
import type { Instance, Outcome, PickRequest, Strategy } from "../strategy";
import { isUsable } from "../usable";

/** Options of nginx's smooth weighted round robin. */
export interface SmoothWeightedRoundRobinOptions {
  /**
   * nginx `max_fails`, here only for its effect on weights: each failure lowers a peer's
   * effective weight by `weight / maxFails`, and it climbs back by one per selection. 0 turns
   * that off. Ejecting a peer after failures is passive health's job (`passive-health.ts`).
   */
  maxFails: number;
}

/** The options, declared once: nginx's default `max_fails=1`. */
export const SMOOTH_WEIGHTED_ROUND_ROBIN_OPTIONS = {
  maxFails: { type: "int", default: 1, min: 0, max: 1000, description: "Each failure lowers a peer's effective weight by weight / maxFails, and it climbs back by one per selection; 0 turns that off.", source: "nginx max_fails" },
} as const satisfies OptionTable;

/** The defaults, from the table. */
export const SMOOTH_WEIGHTED_ROUND_ROBIN_DEFAULTS: SmoothWeightedRoundRobinOptions = defaultsOf(SMOOTH_WEIGHTED_ROUND_ROBIN_OPTIONS);

/**
 * nginx's smooth weighted round robin (the default `upstream` method, commit 52327e0): every
 * usable peer adds its effective weight to its current weight, the strictly greatest current
 * weight wins (the first one on ties), and the winner gives back the total. Weights {5, 1, 1}
 * give a a b a c a a. The state resets when the membership changes, as on an nginx reload.
 * A peer is skipped when down, tried by this request, or at `max_conns`.
 */
export function createSmoothWeightedRoundRobin(options?: Partial<SmoothWeightedRoundRobinOptions>): Strategy {
  const opts = readStrategyOptions("smooth-weighted-round-robin", options, SMOOTH_WEIGHTED_ROUND_ROBIN_OPTIONS);
  const active = new ActiveCounts();
  const cache = new MembershipCache(configKey, (list) => SmoothWeights.of(list).weights);
  return {
    name: "smooth-weighted-round-robin",
    pick(instances: readonly Instance[], req: PickRequest): Instance | undefined {
      const weights = cache.get(instances);
      const i = weights.select(instances, (inst) => isUsable(inst, active, req));
      return i < 0 ? undefined : instances[i];
    },
    onStart(id: string): void {
      active.start(id);
    },
    onEnd(id: string, outcome: Outcome): void {
      active.end(id);
      if (!outcome.ok) cache.current()?.fail(id, opts.maxFails);
    },
  };
}
