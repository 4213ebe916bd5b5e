/**
 * A seeded random stream. Every consumer owns one, derived from (root seed, stream name), so
 * adding a consumer never shifts what the others draw.
 */
export interface Rng {
  /** The stream's name, as derived from the root seed. */
  readonly name: string;
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** A float in [lo, hi). */
  range(lo: number, hi: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** An exponential sample with the given mean. */
  exponential(mean: number): number;
  /** A normal sample (Box-Muller). */
  normal(mean: number, sd: number): number;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** A new array with the items in a random order (Fisher-Yates). */
  shuffle<T>(items: readonly T[]): T[];
}
