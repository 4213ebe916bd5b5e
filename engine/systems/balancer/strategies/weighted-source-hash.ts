import { ActiveCounts } from "../active-counts";
import { ipv4ToUint32 } from "../hash/ipv4";
import { configKey, MembershipCache } from "../membership-cache";
import type { OptionTable } from "../../../options/option-table";
import { defaultsOf } from "../../../options/option-table";
import { readStrategyOptions } from "../options";
import type { Instance, Outcome, PickRequest, Strategy } from "../strategy";
import { isUsable } from "../usable";

/** Options of Linux IPVS's `sh` (source hashing) scheduler. */
export interface WeightedSourceHashOptions {
  /**
   * IPVS `sh-fallback`: when the client's bucket points at an unavailable server, walk the
   * table from there for one that is available. IPVS's own default is off, which refuses such
   * clients; we default it on so that an instance ejected by passive health does not turn its
   * clients away. Set it to false for stock IPVS.
   */
  fallback: boolean;
}

/** `sh-fallback` on (see the option for why this differs from IPVS). */
export const WEIGHTED_SOURCE_HASH_OPTIONS = {
  fallback: { type: "bool", default: true, description: "When the client's bucket points at an unavailable server, walk the table for one that is available (IPVS defaults it off and refuses such clients; on here so an ejected instance does not turn its clients away).", source: "IPVS sh-fallback" },
} as const satisfies OptionTable;

/** The defaults, from the table. */
export const WEIGHTED_SOURCE_HASH_DEFAULTS: WeightedSourceHashOptions = defaultsOf(WEIGHTED_SOURCE_HASH_OPTIONS);

/** IPVS's `IP_VS_SH_TAB_BITS` default: a 256-bucket table. */
export const SH_TAB_BITS = 8;
const SH_TAB_SIZE = 1 << SH_TAB_BITS;
const SH_TAB_MASK = SH_TAB_SIZE - 1;
/** The kernel's `GOLDEN_RATIO_32`, used by `hash_32`. */
const GOLDEN_RATIO_32 = 0x61c88647;

/**
 * The bucket of a client address (`ip_vs_sh_hashkey`, source port not used):
 * `(offset + hash_32(addr, 8)) & 255`, where `hash_32(v, bits) = (v * GOLDEN_RATIO_32) >> (32 - bits)`.
 */
export function shBucket(addr: number, offset: number): number {
  const h = (Math.imul(addr >>> 0, GOLDEN_RATIO_32) >>> 0) >>> (32 - SH_TAB_BITS);
  return (offset + h) & SH_TAB_MASK;
}

/**
 * IPVS's table fill (`ip_vs_sh_reassign`): the buckets are dealt to the servers in list order,
 * each taking `weight` consecutive buckets before the next one's turn, cycling until all 256
 * are dealt. A server of weight 0 still takes one bucket (the kernel's `++d_count >= weight`),
 * but is unavailable, so it never serves. Returns indices into `list`.
 */
export function buildShTable(list: readonly Instance[]): Int32Array {
  const table = new Int32Array(SH_TAB_SIZE).fill(-1);
  if (list.length === 0) return table;
  let p = 0;
  let count = 0;
  for (let i = 0; i < SH_TAB_SIZE; i++) {
    table[i] = p;
    if (++count >= list[p].weight) {
      p = (p + 1) % list.length;
      count = 0;
    }
  }
  return table;
}

/**
 * Weighted source hashing as Linux IPVS's `sh` scheduler does it (ip_vs_sh.c): a 256-bucket
 * table dealt out by weight, indexed by a multiplicative hash of the client address. A server
 * that is down or full is unavailable; with `fallback` the lookup then walks
 * `hashkey(addr, ihash + offset)` for offset 0..255 until it finds an available one. The table
 * is redealt whenever a server is added, removed or reweighted, which moves many clients.
 */
export function createWeightedSourceHash(options?: Partial<WeightedSourceHashOptions>): Strategy {
  const opts = readStrategyOptions("weighted-source-hash", options, WEIGHTED_SOURCE_HASH_OPTIONS);
  const active = new ActiveCounts();
  const cache = new MembershipCache(configKey, buildShTable);
  return {
    name: "weighted-source-hash",
    pick(instances: readonly Instance[], req: PickRequest): Instance | undefined {
      const table = cache.get(instances);
      if (instances.length === 0) return undefined;
      const addr = ipv4ToUint32(req.sourceIp) ?? 0;
      const ihash = shBucket(addr, 0);
      const first = instances[table[ihash]];
      if (isUsable(first, active, req)) return first;
      if (!opts.fallback) return undefined;
      for (let offset = 0; offset < SH_TAB_SIZE; offset++) {
        const inst = instances[table[shBucket(addr, (offset + ihash) % SH_TAB_SIZE)]];
        if (isUsable(inst, active, req)) return inst;
      }
      return undefined;
    },
    onStart(id: string): void {
      active.start(id);
    },
    onEnd(id: string, _outcome: Outcome): void {
      active.end(id);
    },
  };
}
