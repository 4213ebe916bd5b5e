import { BalancerError } from "./balancer-error";
import type { Instance } from "./strategy";

/**
 * Checks what every structure built from a membership relies on: unique ids (all state is keyed
 * by id) and weights and `maxConns` that are non-negative integers (nginx, HAProxy and IPVS all
 * do integer arithmetic on weights). Runs only when a structure is rebuilt, never per pick.
 */
export function checkMembers(list: readonly Instance[]): void {
  const seen = new Set<string>();
  for (const inst of list) {
    if (seen.has(inst.id)) {
      throw new BalancerError("CS704", `balancer: instance id "${inst.id}" appears twice in the list; ids must be unique.`);
    }
    seen.add(inst.id);
    if (!Number.isInteger(inst.weight) || inst.weight < 0) {
      throw new BalancerError("CS704", `balancer: instance "${inst.id}" has weight ${inst.weight}; a weight is a whole number, 0 or more (1 by default).`);
    }
    if (inst.maxConns !== undefined && (!Number.isInteger(inst.maxConns) || inst.maxConns < 0)) {
      throw new BalancerError("CS704", `balancer: instance "${inst.id}" has maxConns ${inst.maxConns}; it must be a whole number, 0 or more (0 means no limit).`);
    }
  }
}

/**
 * A string that changes exactly when the configured membership changes: ids, addresses and
 * weights in list order. Down flags are left out, because nginx keeps a down peer in its peer
 * list (and in `total_weight`) rather than rebuilding it.
 */
export function configKey(list: readonly Instance[]): string {
  let key = "";
  for (const inst of list) key += `${inst.id}\u0000${inst.address}\u0000${inst.weight}\u0001`;
  return key;
}

/**
 * `configKey` plus each member's down flag: changes whenever the configured membership or its
 * health changes. Structures built over healthy members (Envoy's Maglev table and EDF schedule,
 * HAProxy's map) rebuild on it, and may then refer to members by their index in the list.
 */
export function memberKey(list: readonly Instance[]): string {
  let key = "";
  for (const inst of list) key += `${inst.id}\u0000${inst.address}\u0000${inst.weight}\u0000${inst.down ? 1 : 0}\u0001`;
  return key;
}

/**
 * Holds a structure built from the membership (a ring, a table, per-peer weights) and rebuilds
 * it when the membership key changes, the way nginx rebuilds peers on reload and ketama and
 * Maglev rebuild their tables when the set changes. The same list object twice in a row skips
 * even the key computation, so callers treat instance lists as immutable values: a membership
 * change comes as a new array, never as an edit of the old one.
 */
export class MembershipCache<T> {
  private lastList: readonly Instance[] | undefined;
  private lastKey: string | undefined;
  private value: T | undefined;

  constructor(
    private readonly keyOf: (list: readonly Instance[]) => string,
    private readonly build: (list: readonly Instance[]) => T,
  ) {}

  /** The structure built for the last list, if any. */
  current(): T | undefined {
    return this.value;
  }

  /** The structure for `list`, rebuilt if its key differs from the last one. */
  get(list: readonly Instance[]): T {
    if (list === this.lastList && this.value !== undefined) return this.value;
    const key = this.keyOf(list);
    if (key !== this.lastKey || this.value === undefined) {
      checkMembers(list);
      this.value = this.build(list);
      this.lastKey = key;
    }
    this.lastList = list;
    return this.value;
  }
}
