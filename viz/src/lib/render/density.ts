import { DROPPED, type ArrowTable } from "../trace/trace-bundle";

/** Messages between two lanes that were sent within one bucket of screen pixels. */
export interface DensityCell {
  fromLane: number;
  toLane: number;
  /** Bucket index: the bucket covers [bucket * bucketPx, (bucket + 1) * bucketPx). */
  bucket: number;
  count: number;
  drops: number;
  /** Mean time from send to end, for the cell's slant. */
  meanSpan: number;
}

/** Arrows aggregated into cells, for drawing when there are too many to draw one by one. */
export interface Density {
  bucketPx: number;
  cells: DensityCell[];
  /** The largest count of any cell, for scaling intensity. */
  maxCount: number;
}

/** When to draw density instead of arrows: more arrows in view than this many per pixel column. */
export const ARROWS_PER_PIXEL = 1.5;

/** True when `visible` arrows across `widthPx` pixels are too many to draw one by one. */
export function wantsDensity(visible: number, widthPx: number): boolean {
  return visible > Math.max(2000, widthPx * ARROWS_PER_PIXEL);
}

/**
 * Aggregates the arrows `lo..hi` (those that may cross [t0, t1]) by sending lane, receiving lane
 * and screen bucket of their send time. Arrows sent outside the window are left out: at this
 * zoom an arrow is a few pixels long, so what matters is where the traffic is, not its tails.
 */
export function aggregateArrows(
  arrows: ArrowTable, lo: number, hi: number, laneCount: number,
  t0: number, t1: number, widthPx: number, bucketPx = 3,
): Density {
  const buckets = Math.max(1, Math.ceil(widthPx / bucketPx));
  const pxPerT = widthPx / Math.max(1e-9, t1 - t0);
  const pairs = laneCount * laneCount;
  const dense = pairs * buckets <= 262_144;
  const touched: number[] = [];
  const count = new Map<number, number>();
  const drops = new Map<number, number>();
  const span = new Map<number, number>();
  const counts = dense ? new Uint32Array(pairs * buckets) : null;
  const dropCounts = dense ? new Uint32Array(pairs * buckets) : null;
  const spans = dense ? new Float64Array(pairs * buckets) : null;
  const { sendT, endT, fromLane, toLane, status } = arrows;
  for (let i = lo; i < hi; i++) {
    const ts = sendT[i];
    if (ts < t0 || ts > t1) continue;
    let b = Math.floor(((ts - t0) * pxPerT) / bucketPx);
    if (b >= buckets) b = buckets - 1;
    const key = (fromLane[i] * laneCount + toLane[i]) * buckets + b;
    const dropped = status[i] === DROPPED ? 1 : 0;
    if (counts) {
      if (counts[key]++ === 0) touched.push(key);
      dropCounts![key] += dropped;
      spans![key] += endT[i] - ts;
    } else {
      count.set(key, (count.get(key) ?? 0) + 1);
      if (dropped) drops.set(key, (drops.get(key) ?? 0) + 1);
      span.set(key, (span.get(key) ?? 0) + endT[i] - ts);
    }
  }
  const cells: DensityCell[] = [];
  let maxCount = 0;
  const emit = (key: number, c: number, d: number, s: number) => {
    const bucket = key % buckets;
    const pair = (key - bucket) / buckets;
    cells.push({ fromLane: Math.floor(pair / laneCount), toLane: pair % laneCount, bucket, count: c, drops: d, meanSpan: s / c });
    if (c > maxCount) maxCount = c;
  };
  if (counts) {
    touched.sort((a, b) => a - b);
    for (const key of touched) emit(key, counts[key], dropCounts![key], spans![key]);
  } else {
    for (const [key, c] of count) emit(key, c, drops.get(key) ?? 0, span.get(key) ?? 0);
  }
  return { bucketPx, cells, maxCount };
}
