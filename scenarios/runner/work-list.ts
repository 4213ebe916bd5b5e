import type { Scenario, Seed } from "../../engine/scenario";

/** One scenario to sweep: where it came from, the loaded scenario, and what it needs to run. */
export interface SweepItem {
  /** The file it was loaded from, for replay commands and reports (any label for in-code scenarios). */
  file: string;
  /** Plain data, so it can cross to a worker thread: no `factory` or `checker` functions. */
  scenario: Scenario;
  /** The file's own seeds (`seeds: 1..20`); used when the sweep is given none. */
  seeds?: readonly Seed[];
  /** Module URLs or absolute paths whose `processes` and `checkers` exports join the catalogs. */
  modules?: readonly string[];
  /** The replay command without `--seed`; default `clustersim replay <file>`. */
  replay?: string;
}

/** One run of the sweep: a scenario and a seed, with its place in the whole (unsharded) list. */
export interface WorkUnit {
  /** Position in the unsharded list: the stable order reports use. */
  index: number;
  /** Which item it runs. */
  item: number;
  file: string;
  scenario: string;
  seed: Seed;
}

/** `--shard i/n`: this job runs the i-th of n parts (1-based, like vitest's `--shard`). */
export interface Shard {
  index: number;
  count: number;
}

/**
 * The (scenario × seed) list in a stable order: items as given, each item's seeds in the order
 * given. `seeds` (from `--seeds`) overrides every item's own; without either, an item runs its
 * scenario's `seed`, else seed 1 (the engine's default).
 */
export function workList(items: readonly SweepItem[], seeds?: readonly Seed[]): WorkUnit[] {
  const units: WorkUnit[] = [];
  items.forEach((it, item) => {
    const own = seeds && seeds.length > 0 ? seeds : it.seeds && it.seeds.length > 0 ? it.seeds : [it.scenario.seed ?? 1];
    for (const seed of own) units.push({ index: units.length, item, file: it.file, scenario: it.scenario.name, seed });
  });
  return units;
}

/**
 * The units of one shard, by round robin over the stable list: unit k belongs to shard
 * (k mod n) + 1. Round robin rather than contiguous blocks, so one scenario's seeds (which cost
 * about the same) spread over every job, and the jobs finish at about the same time. The n
 * shards are disjoint and together are the whole list, whatever n is.
 */
export function shardUnits<T>(units: readonly T[], shard: Shard | undefined): T[] {
  if (!shard) return [...units];
  if (!Number.isInteger(shard.count) || shard.count < 1 || !Number.isInteger(shard.index) || shard.index < 1 || shard.index > shard.count) {
    throw new RangeError(`shard ${shard.index}/${shard.count}: the index must be a whole number from 1 to the count`);
  }
  return units.filter((_, k) => k % shard.count === shard.index - 1);
}
