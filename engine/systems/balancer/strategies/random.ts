import type { Rng } from "../../../core/rng";
import { ActiveCounts } from "../active-counts";
import { configKey, MembershipCache } from "../membership-cache";
import type { OptionTable } from "../../../options/option-table";
import { readStrategyOptions } from "../options";
import { SmoothWeights } from "../smooth-weights";
import type { Instance, Outcome, PickRequest, Strategy } from "../strategy";
import { isUsable } from "../usable";

/** nginx's `random` (without `two`) takes no options here. */
export type RandomOptions = Record<string, never>;

/** Nothing to configure. */
export const RANDOM_DEFAULTS: RandomOptions = {};

/** It takes no options: the empty table, so a key given is refused. */
export const RANDOM_OPTIONS = {} as const satisfies OptionTable;

/** nginx redraws at most this many times before falling back to round robin. */
const MAX_TRIES = 20;

/**
 * nginx `random` (ngx_http_upstream_random_module.c): draw `x` uniformly from
 * [0, total_weight) over all configured peers and take the peer whose weight range holds it, so
 * each peer is drawn in proportion to its weight. A peer that is down, tried or full means a
 * fresh draw; after 20 of those nginx falls back to its round robin, and so do we.
 */
export function createRandom(options: Partial<RandomOptions> | undefined, rng: Rng): Strategy {
  readStrategyOptions("random", options, RANDOM_OPTIONS);
  const active = new ActiveCounts();
  const cache = new MembershipCache(configKey, SmoothWeights.of);
  return {
    name: "random",
    pick(instances: readonly Instance[], req: PickRequest): Instance | undefined {
      const { weights, total } = cache.get(instances);
      const usable = (inst: Instance) => isUsable(inst, active, req);
      if (total > 0) {
        for (let tries = 0; tries <= MAX_TRIES; tries++) {
          let x = rng.int(total);
          let p = 0;
          while (x >= instances[p].weight) {
            x -= instances[p].weight;
            p++;
          }
          if (usable(instances[p])) return instances[p];
        }
      }
      const i = weights.select(instances, usable);
      return i < 0 ? undefined : instances[i];
    },
    onStart(id: string): void {
      active.start(id);
    },
    onEnd(id: string, _outcome: Outcome): void {
      active.end(id);
    },
  };
}
