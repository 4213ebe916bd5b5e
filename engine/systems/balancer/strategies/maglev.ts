import { ActiveCounts } from "../active-counts";
import { murmur3 } from "../hash/murmur3";
import { HASH_KEY_SOURCES, hashKeyOf, type HashKeySource } from "../hash-key";
import { memberKey, MembershipCache } from "../membership-cache";
import type { OptionTable } from "../../../options/option-table";
import { defaultsOf } from "../../../options/option-table";
import { readStrategyOptions, rejectOption } from "../options";
import type { Instance, Outcome, PickRequest, Strategy } from "../strategy";
import { isHealthy, isUsable } from "../usable";

/** Options of the Maglev hash (Eisenbud et al., NSDI 2016; Envoy's MAGLEV policy). */
export interface MaglevOptions {
  /** The lookup table size M. It must be prime so every skip walks the whole table. */
  tableSize: number;
  /** What to hash: the request's `key`, its `uri`, or its `source-ip`. */
  key: HashKeySource;
}

/** The options, declared once: Envoy's default table size, 65537, and the explicit request key. */
export const MAGLEV_OPTIONS = {
  tableSize: { type: "int", default: 65537, min: 2, max: 5000011, description: "The lookup table size M; it must be prime so every skip walks the whole table.", source: "Envoy maglev_lb_config.table_size" },
  key: { type: "enum", default: "key", values: HASH_KEY_SOURCES, description: "What to hash: the request's key, its uri, or its source-ip." },
} as const satisfies OptionTable;

/** The defaults, from the table. */
export const MAGLEV_DEFAULTS: MaglevOptions = defaultsOf(MAGLEV_OPTIONS);

/** Envoy's upper bound on the table size. */
const MAX_TABLE_SIZE = 5000011;

/** One backend's permutation parameters and weight. */
export interface MaglevBackend {
  readonly offset: number;
  readonly skip: number;
  readonly weight: number;
}

/** True when `n` is a prime number. */
export function isPrime(n: number): boolean {
  if (!Number.isInteger(n) || n < 2) return false;
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return false;
  return true;
}

/**
 * The Maglev permutation parameters of a backend name (paper §3.4): `offset = h1(name) mod M`,
 * `skip = h2(name) mod (M - 1) + 1`. h1 and h2 are MurmurHash3 with seeds 1 and 2 (the paper
 * only asks for two independent hashes; Envoy uses the two halves of one xxHash64).
 */
export function maglevParams(name: string, tableSize: number): { offset: number; skip: number } {
  return { offset: murmur3(name, 1) % tableSize, skip: (murmur3(name, 2) % (tableSize - 1)) + 1 };
}

/**
 * Fills a Maglev lookup table (paper §3.4, Pseudocode 1): backend i's preference list is
 * `permutation[i][j] = (offset + j * skip) mod M`; the backends take turns, each claiming its
 * next preferred slot that is still empty, until all M slots are full. With unequal weights a
 * backend takes its turn only when `iteration * weight >= target`, then raises its target by the
 * largest weight, so it claims slots in proportion to its weight (Envoy's weighted variant; with
 * equal weights this is exactly the paper's procedure). Returns the backend index of each slot.
 */
export function populateMaglev(backends: readonly MaglevBackend[], tableSize: number): Int32Array {
  const table = new Int32Array(tableSize).fill(-1);
  const n = backends.length;
  if (n === 0) return table;
  let maxWeight = 0;
  for (const b of backends) maxWeight = Math.max(maxWeight, b.weight);
  if (maxWeight <= 0) return table;
  // pos[i] is permutation[i][next[i]], kept by adding skip mod M rather than multiplying, which
  // keeps the arithmetic in small integers; steps[i] counts next[i] to bound the walk.
  const pos = new Int32Array(n);
  const steps = new Int32Array(n);
  const target = new Float64Array(n);
  for (let i = 0; i < n; i++) pos[i] = backends[i].offset % tableSize;
  let filled = 0;
  for (let iteration = 1; filled < tableSize; iteration++) {
    for (let i = 0; i < n && filled < tableSize; i++) {
      const b = backends[i];
      if (b.weight <= 0 || iteration * b.weight < target[i]) continue;
      target[i] += maxWeight;
      let c = pos[i];
      while (table[c] >= 0) {
        // A prime M makes every preference list a full permutation, so this cannot run past it.
        if (++steps[i] >= tableSize) throw new Error(`maglev: table size ${tableSize} is not prime`);
        c += b.skip;
        if (c >= tableSize) c -= tableSize;
      }
      table[c] = i;
      steps[i]++;
      c += b.skip;
      if (c >= tableSize) c -= tableSize;
      pos[i] = c;
      filled++;
    }
  }
  return table;
}

/**
 * Builds the lookup table over the healthy members (Envoy builds Maglev over healthy hosts and
 * rebuilds when that set changes), naming each backend by its address. Slots hold indices into
 * `list`, valid for as long as the membership key stays the same.
 */
export function buildMaglevTable(list: readonly Instance[], tableSize: number): Int32Array {
  const members: number[] = [];
  const backends: MaglevBackend[] = [];
  list.forEach((inst, i) => {
    if (!isHealthy(inst)) return;
    members.push(i);
    backends.push({ ...maglevParams(inst.address, tableSize), weight: inst.weight });
  });
  const table = populateMaglev(backends, tableSize);
  for (let s = 0; s < table.length; s++) if (table[s] >= 0) table[s] = members[table[s]];
  return table;
}

/**
 * Maglev consistent hashing: `table[hash(key) mod M]`. Removing a backend moves its own slots
 * and, because the others' turns shift, a small extra fraction; load stays within a slot of even
 * per unit of weight. A slot whose instance is tried or full passes the request to the next slot
 * (our retry rule; Maglev itself has none).
 */
export function createMaglev(options?: Partial<MaglevOptions>): Strategy {
  const opts = readStrategyOptions("maglev", options, MAGLEV_OPTIONS);
  if (!isPrime(opts.tableSize) || opts.tableSize > MAX_TABLE_SIZE) rejectOption("maglev", "tableSize", opts.tableSize, `it must be a prime no larger than ${MAX_TABLE_SIZE}, such as 65537 or 5003`);
  const active = new ActiveCounts();
  const cache = new MembershipCache(memberKey, (list) => buildMaglevTable(list, opts.tableSize));
  return {
    name: "maglev",
    pick(instances: readonly Instance[], req: PickRequest): Instance | undefined {
      const table = cache.get(instances);
      if (table.length === 0 || table[0] < 0) return undefined;
      const start = murmur3(hashKeyOf(req, opts.key), 0) % opts.tableSize;
      const first = instances[table[start]];
      if (isUsable(first, active, req)) return first;
      if (!instances.some((inst) => isUsable(inst, active, req))) return undefined;
      for (let k = 1; k < opts.tableSize; k++) {
        const inst = instances[table[(start + k) % opts.tableSize]];
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
