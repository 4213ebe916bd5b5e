import { normalQuantile } from "./normal-quantile";
import { regularizedBeta } from "./incomplete-beta";

/** P(T ≤ t) for Student's t distribution with `df` degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`studentTCdf: degrees of freedom must be positive, got ${df}`);
  if (!Number.isFinite(t)) return t > 0 ? 1 : 0;
  const tail = 0.5 * regularizedBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/**
 * The quantile of Student's t distribution: the t with P(T ≤ t) = p for `df` degrees of
 * freedom, found by bisection on the distribution function (60 halvings of a bracket grown from
 * the normal quantile, which the t quantile always exceeds in magnitude). Exact enough for any
 * confidence interval: t(0.975, 1) = 12.706, t(0.975, 10) = 2.228, and it tends to the normal
 * quantile (1.960) as `df` grows.
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`studentTQuantile: p must lie in (0, 1), got ${p}`);
  if (!(df > 0)) throw new RangeError(`studentTQuantile: degrees of freedom must be positive, got ${df}`);
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  let lo = normalQuantile(p) * 0.999;
  let hi = Math.max(1, lo * 2);
  while (studentTCdf(hi, df) < p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (studentTCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
