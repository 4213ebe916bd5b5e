import type { ActiveCounts } from "./active-counts";
import type { Instance, PickRequest } from "./strategy";

/**
 * Healthy means a member that may take traffic at all: not down and with a positive weight.
 * Strategies that build a table (Maglev, HAProxy's map) build it over healthy members only.
 */
export function isHealthy(inst: Instance): boolean {
  return !inst.down && inst.weight > 0;
}

/**
 * Usable means healthy and also free for this particular request: not already tried by it, and
 * below its `maxConns` (nginx's check, `peer->conns >= peer->max_conns`).
 */
export function isUsable(inst: Instance, active: ActiveCounts, req: PickRequest): boolean {
  if (!isHealthy(inst)) return false;
  if (req.tried !== undefined && req.tried.has(inst.id)) return false;
  const max = inst.maxConns;
  return !(max !== undefined && max > 0 && active.get(inst.id) >= max);
}

/** How many instances in `list` are usable for `req`. */
export function countUsable(list: readonly Instance[], active: ActiveCounts, req: PickRequest): number {
  let n = 0;
  for (const inst of list) if (isUsable(inst, active, req)) n++;
  return n;
}

/**
 * The `k`-th usable instance (0-based) in list order. Lets strategies index into the usable
 * subset without allocating a filtered copy on every pick.
 */
export function nthUsable(
  list: readonly Instance[],
  active: ActiveCounts,
  req: PickRequest,
  k: number,
): Instance | undefined {
  for (const inst of list) {
    if (!isUsable(inst, active, req)) continue;
    if (k === 0) return inst;
    k--;
  }
  return undefined;
}
