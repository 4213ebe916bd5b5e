import type { Micros } from "../../core/time";
import type { MetricsSnapshot } from "../../metrics/metrics-snapshot";

/**
 * Textbook queueing formulas and the batch-means estimator, for the validation tests. Test code
 * only: these are the numbers nobody here wrote that the simulator must reproduce.
 */

/** M/M/1 mean response time W = 1 / (mu - lambda) (rates per second; the result in microseconds). */
export function mm1ResponseUs(lambda: number, mu: number): number {
  return 1e6 / (mu - lambda);
}

/**
 * Erlang C: the probability that an arrival waits in an M/M/c queue with offered load a = lambda/mu,
 * C(c, a) = (a^c/c!)(c/(c-a)) / (sum_{k<c} a^k/k! + (a^c/c!)(c/(c-a))).
 */
export function erlangC(c: number, a: number): number {
  let term = 1;
  let sum = 0;
  for (let k = 0; k < c; k++) {
    sum += term;
    term *= a / (k + 1);
  }
  const top = term * (c / (c - a));
  return top / (sum + top);
}

/** M/M/c mean response time W = C(c, a) / (c mu - lambda) + 1/mu, in microseconds. */
export function mmcResponseUs(lambda: number, mu: number, c: number): number {
  return 1e6 * (erlangC(c, lambda / mu) / (c * mu - lambda) + 1 / mu);
}

/** Mitzenmacher's supermarket limit T_d(lambda) = sum_{i>=1} lambda^((d^i - d)/(d - 1)), in mean service times. */
export function supermarketT(lambda: number, d: number): number {
  if (d === 1) return 1 / (1 - lambda);
  let t = 0;
  for (let i = 1; i < 40; i++) {
    const term = Math.pow(lambda, (Math.pow(d, i) - d) / (d - 1));
    t += term;
    if (term < 1e-12) break;
  }
  return t;
}

/** A batch-means estimate: the mean of the batch means and its standard error. */
export interface BatchEstimate {
  mean: number;
  se: number;
  batches: number;
  samples: number;
}

/**
 * Batch means over the metrics timeline: each timeline interval after `warmup` is one batch, and
 * its mean of `metric` one observation. With batches much longer than the queue's relaxation
 * time, the batch means are nearly independent, so their spread gives an honest standard error
 * for a mean of autocorrelated response times, where the naive sd/sqrt(n) would be far too small.
 */
export function batchMeans(m: MetricsSnapshot, metric: string, warmup: Micros): BatchEstimate {
  const batches = m.series.filter((p) => p.t > warmup + m.interval && p.histograms[metric]);
  const xs = batches.map((p) => p.histograms[metric].mean);
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1);
  return { mean, se: Math.sqrt(variance / xs.length), batches: xs.length, samples: batches.reduce((a, p) => a + p.histograms[metric].count, 0) };
}
