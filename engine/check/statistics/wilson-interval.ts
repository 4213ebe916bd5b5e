import { normalQuantile } from "./normal-quantile";

/** A two-sided confidence interval around an estimate. */
export interface Interval {
  estimate: number;
  low: number;
  high: number;
}

/**
 * The Wilson score interval of a proportion: `successes` of `n` trials at the given two-sided
 * confidence (default 95 %). Unlike the normal (Wald) interval it stays inside [0, 1] and does
 * not collapse to a point at 0 or n successes: 50 of 50 gives 92.9 % to 100 %, 3 of 3 gives
 * 43.9 % to 100 % (E. B. Wilson, JASA 22, 1927; Agresti & Coull, Am. Stat. 52, 1998).
 */
export function wilsonInterval(successes: number, n: number, confidence = 0.95): Interval {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`wilsonInterval: n must be a positive whole number, got ${n}`);
  if (!Number.isInteger(successes) || successes < 0 || successes > n) throw new RangeError(`wilsonInterval: successes must be a whole number from 0 to ${n}, got ${successes}`);
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const p = successes / n;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n));
  // At 0 or n successes one end is exactly 0 or 1; rounding must not move it inside.
  return { estimate: p, low: successes === 0 ? 0 : Math.max(0, centre - half), high: successes === n ? 1 : Math.min(1, centre + half) };
}
