import { studentTQuantile } from "./student-t";
import type { Interval } from "./wilson-interval";

/** A sample's mean with its t interval, and what went into it. */
export interface MeanInterval extends Interval {
  n: number;
  /** The sample standard deviation (n - 1 in the denominator); 0 for a single value. */
  sd: number;
}

/**
 * The mean of independent observations (one per seed) with its two-sided Student t confidence
 * interval, mean ± t(1 - α/2, n - 1) · s / √n, at the given confidence (default 95 %). For a
 * single observation the interval is unbounded: one value says nothing about the spread.
 */
export function meanInterval(values: readonly number[], confidence = 0.95): MeanInterval {
  const n = values.length;
  if (n === 0) throw new RangeError("meanInterval: no values");
  let mean = 0;
  for (const v of values) mean += v;
  mean /= n;
  if (n === 1) return { n, estimate: mean, sd: 0, low: -Infinity, high: Infinity };
  let ss = 0;
  for (const v of values) ss += (v - mean) * (v - mean);
  const sd = Math.sqrt(ss / (n - 1));
  const half = studentTQuantile(1 - (1 - confidence) / 2, n - 1) * (sd / Math.sqrt(n));
  return { n, estimate: mean, sd, low: mean - half, high: mean + half };
}
