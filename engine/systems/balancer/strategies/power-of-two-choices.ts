import type { Rng } from "../../../core/rng";
import { ActiveCounts } from "../active-counts";
import { EdfSchedule } from "../edf-schedule";
import { memberKey, MembershipCache } from "../membership-cache";
import type { OptionTable } from "../../../options/option-table";
import { defaultsOf } from "../../../options/option-table";
import { readStrategyOptions } from "../options";
import type { Instance, Outcome, PickRequest, Strategy } from "../strategy";
import { countUsable, isHealthy, isUsable, nthUsable } from "../usable";

/** Options of Envoy's LEAST_REQUEST load balancer. */
export interface PowerOfTwoChoicesOptions {
  /** Envoy `choice_count`: how many random hosts to draw when weights are equal. */
  choiceCount: number;
  /**
   * Envoy `active_request_bias`: with unequal weights a host's effective weight is
   * `weight / (active + 1) ^ bias`. 0 ignores load (plain weighted round robin); 1 is the default.
   */
  activeRequestBias: number;
}

/** The options, declared once: Envoy's defaults, `choice_count` 2, `active_request_bias` 1.0. */
export const POWER_OF_TWO_CHOICES_OPTIONS = {
  choiceCount: { type: "int", default: 2, min: 1, max: 100, description: "How many random hosts to draw when weights are equal.", source: "Envoy least_request_lb_config.choice_count" },
  activeRequestBias: { type: "number", default: 1, min: 0, description: "With unequal weights a host's effective weight is weight / (active + 1) ^ bias; 0 ignores load.", source: "Envoy least_request_lb_config.active_request_bias" },
} as const satisfies OptionTable;

/** The defaults, from the table. */
export const POWER_OF_TWO_CHOICES_DEFAULTS: PowerOfTwoChoicesOptions = defaultsOf(POWER_OF_TWO_CHOICES_OPTIONS);

/**
 * Envoy's LEAST_REQUEST (least_request_lb.cc). When every healthy host has the same weight it is
 * the power of two choices: draw `choiceCount` hosts at random (with replacement) and keep the
 * one with the fewest active requests, the earlier draw on ties. When weights differ it is
 * Envoy's EDF schedule with effective weight `weight / (active + 1) ^ bias`, recomputed for a
 * host as it is put back after being picked. The schedule is rebuilt when the membership or
 * its health changes, as Envoy rebuilds on a host set change.
 */
export function createPowerOfTwoChoices(options: Partial<PowerOfTwoChoicesOptions> | undefined, rng: Rng): Strategy {
  const opts = readStrategyOptions("power-of-two-choices", options, POWER_OF_TWO_CHOICES_OPTIONS);
  const active = new ActiveCounts();
  const effectiveWeight = (inst: Instance): number =>
    opts.activeRequestBias === 1
      ? inst.weight / (active.get(inst.id) + 1)
      : inst.weight / Math.pow(active.get(inst.id) + 1, opts.activeRequestBias);
  const cache = new MembershipCache(memberKey, (list) => {
    let first = -1;
    let equal = true;
    for (const inst of list) {
      if (!isHealthy(inst)) continue;
      if (first < 0) first = inst.weight;
      else if (inst.weight !== first) equal = false;
    }
    const edf = equal ? undefined : new EdfSchedule(list.length, (s) => (isHealthy(list[s]) ? effectiveWeight(list[s]) : 0));
    return { edf };
  });
  return {
    name: "power-of-two-choices",
    pick(instances: readonly Instance[], req: PickRequest): Instance | undefined {
      const { edf } = cache.get(instances);
      if (edf !== undefined) {
        const s = edf.pick((slot) => isUsable(instances[slot], active, req));
        if (s < 0) return undefined;
        edf.add(s, effectiveWeight(instances[s]));
        return instances[s];
      }
      const n = countUsable(instances, active, req);
      if (n === 0) return undefined;
      let candidate: Instance | undefined;
      for (let c = 0; c < opts.choiceCount; c++) {
        const sampled = nthUsable(instances, active, req, rng.int(n))!;
        if (candidate === undefined || active.get(sampled.id) < active.get(candidate.id)) candidate = sampled;
      }
      return candidate;
    },
    onStart(id: string): void {
      active.start(id);
    },
    onEnd(id: string, _outcome: Outcome): void {
      active.end(id);
    },
  };
}
