import type { HistogramSummary } from "./metrics-snapshot";

/** Sub-buckets per power of two: a relative error under 1/128 (0.8 %). */
const SUB_BITS = 7;
const SUB = 1 << SUB_BITS;

/**
 * A log-linear histogram (the HdrHistogram layout): values below 256 are counted exactly, larger
 * ones in 128 buckets per power of two. Recording is O(1) and memory is bounded by the range of
 * values, not their number. Count, sum, min and max are exact.
 */
export class Histogram {
  private buckets: Float64Array = new Float64Array(512);
  count = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;

  record(value: number): void {
    const v = value > 0 ? value : 0;
    const i = bucketOf(v);
    if (i >= this.buckets.length) {
      const next = new Float64Array(Math.max(i + 1, this.buckets.length * 2));
      next.set(this.buckets);
      this.buckets = next;
    }
    this.buckets[i]++;
    this.count++;
    this.sum += value;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
  }

  /** The value at quantile `q` in [0, 1]: the middle of its bucket, clamped to [min, max]. */
  quantile(q: number): number {
    if (this.count === 0) return NaN;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    const b = this.buckets;
    for (let i = 0; i < b.length; i++) {
      seen += b[i];
      if (seen >= rank) {
        const [lo, hi] = boundsOf(i);
        const mid = lo === hi ? lo : (lo + hi) / 2;
        return Math.min(this.max, Math.max(this.min, mid));
      }
    }
    return this.max;
  }

  summary(): HistogramSummary {
    const empty = this.count === 0;
    return {
      count: this.count,
      sum: this.sum,
      mean: empty ? 0 : this.sum / this.count,
      min: empty ? 0 : this.min,
      max: empty ? 0 : this.max,
      p50: empty ? 0 : this.quantile(0.5),
      p90: empty ? 0 : this.quantile(0.9),
      p95: empty ? 0 : this.quantile(0.95),
      p99: empty ? 0 : this.quantile(0.99),
      p999: empty ? 0 : this.quantile(0.999),
    };
  }

  reset(): void {
    this.buckets.fill(0);
    this.count = 0;
    this.sum = 0;
    this.min = Infinity;
    this.max = -Infinity;
  }
}

function bucketOf(v: number): number {
  const x = Math.floor(v);
  if (x < 2 * SUB) return x;
  const e = x < 4294967296 ? 31 - Math.clz32(x) : Math.floor(Math.log2(x));
  const shift = e - SUB_BITS;
  const sub = Math.floor(x / 2 ** shift) - SUB; // 0..SUB-1
  return 2 * SUB + (shift - 1) * SUB + sub;
}

function boundsOf(i: number): [number, number] {
  if (i < 2 * SUB) return [i, i];
  const j = i - 2 * SUB;
  const shift = Math.floor(j / SUB) + 1;
  const sub = (j % SUB) + SUB;
  const lo = sub * 2 ** shift;
  return [lo, lo + 2 ** shift - 1];
}
