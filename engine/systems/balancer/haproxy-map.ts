import type { ActiveCounts } from "./active-counts";
import type { Instance, PickRequest } from "./strategy";
import { isHealthy, isUsable } from "./usable";

/** Greatest common divisor of two non-negative integers. */
function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * HAProxy's server map for map-based hashing (lb_map.c `init_server_map` and
 * `recalc_server_map`), as indices into `list`. Weights are first divided by their greatest
 * common divisor over all configured servers (HAProxy's `wmult`), so the map has one slot per
 * unit of reduced weight of the running servers. Slots are dealt like this: for each slot every
 * running server adds its weight to a score, the first with the strictly highest
 * `(score + total) / total` takes the slot and gives back `total`. Declaration order breaks ties.
 */
export function buildServerMap(list: readonly Instance[]): Int32Array {
  let g = 0;
  for (const inst of list) if (inst.weight > 0) g = gcd(inst.weight, g);
  if (g === 0) g = 1;
  const running: number[] = [];
  const eweight: number[] = [];
  let tot = 0;
  for (let i = 0; i < list.length; i++) {
    if (!isHealthy(list[i])) continue;
    running.push(i);
    const e = Math.floor((list[i].weight + g - 1) / g);
    eweight.push(e);
    tot += e;
  }
  const map = new Int32Array(tot);
  const score = new Array<number>(running.length).fill(0);
  for (let o = 0; o < tot; o++) {
    let best = -1;
    let max = 0;
    for (let s = 0; s < running.length; s++) {
      if (tot === 1) {
        best = s;
        break;
      }
      score[s] += eweight[s];
      const v = Math.floor((score[s] + tot) / tot);
      if (best < 0 || v > max) {
        max = v;
        best = s;
      }
    }
    map[o] = running[best];
    score[best] -= tot;
  }
  return map;
}

/**
 * Looks `hash` up in a server map: slot `hash % map.length` (`map_get_server_hash`). HAProxy
 * would send even to a full server and queue there; here a request may not go to a server it
 * already tried or that is at `maxConns`, so such a slot passes the request on to the next
 * slots in turn (our rule, documented because HAProxy has none).
 */
export function lookupServerMap(
  map: Int32Array,
  list: readonly Instance[],
  hash: number,
  active: ActiveCounts,
  req: PickRequest,
): Instance | undefined {
  const n = map.length;
  if (n === 0) return undefined;
  const start = hash % n;
  for (let k = 0; k < n; k++) {
    const inst = list[map[(start + k) % n]];
    if (isUsable(inst, active, req)) return inst;
  }
  return undefined;
}

/** How many servers are running (healthy); HAProxy skips hashing when there is only one. */
export function runningCount(list: readonly Instance[]): number {
  let n = 0;
  for (const inst of list) if (isHealthy(inst)) n++;
  return n;
}
