import { ActiveCounts } from "../active-counts";
import type { OptionTable } from "../../../options/option-table";
import { readStrategyOptions } from "../options";
import type { Instance, Outcome, PickRequest, Strategy } from "../strategy";
import { countUsable, nthUsable } from "../usable";

/** Plain round robin takes no options. */
export type RoundRobinOptions = Record<string, never>;

/** Plain round robin has nothing to configure. */
export const ROUND_ROBIN_DEFAULTS: RoundRobinOptions = {};

/** It takes no options: the empty table, so a key given is refused. */
export const ROUND_ROBIN_OPTIONS = {} as const satisfies OptionTable;

/**
 * Plain round robin, weights ignored: Envoy's ROUND_ROBIN when all weights are equal
 * (`hosts[rr_index_++ % hosts.size()]` over the hosts that can take the request). The index
 * survives membership changes, as Envoy's does, so a new member joins the rotation mid-cycle
 * instead of restarting it. For weights, use `smooth-weighted-round-robin`.
 */
export function createRoundRobin(options?: Partial<RoundRobinOptions>): Strategy {
  readStrategyOptions("round-robin", options, ROUND_ROBIN_OPTIONS);
  const active = new ActiveCounts();
  let index = 0;
  return {
    name: "round-robin",
    pick(instances: readonly Instance[], req: PickRequest): Instance | undefined {
      const n = countUsable(instances, active, req);
      if (n === 0) return undefined;
      const chosen = nthUsable(instances, active, req, index % n);
      index = (index + 1) % 0x7fffffff;
      return chosen;
    },
    onStart(id: string): void {
      active.start(id);
    },
    onEnd(id: string, _outcome: Outcome): void {
      active.end(id);
    },
  };
}
