import { DROPPED, type ArrowTable } from "../trace/trace-bundle";
import { upperBound } from "../layout/time-index";

/** Most buckets an arrow is listed in; a longer arrow goes to the (short, scanned) long list. */
const MAX_BUCKETS_PER_ARROW = 64;

/**
 * Which messages are in flight at a time, in time proportional to their number: arrows are
 * listed in every time bucket their flight overlaps (compressed rows, like a sparse matrix),
 * and the rare arrow that spans many buckets (a message held by a paused node, one still in
 * flight at the end) in a separate list. The space-time diagram's search from `t - maxSpan`
 * would read every arrow of a run where one message waited from the start to the end.
 */
export class FlightIndex {
  readonly width: number;
  private readonly start: Int32Array;
  private readonly items: Int32Array;
  private readonly long: Int32Array;
  /** Dropped arrows ordered by the time they died, for "drops in the last moment". */
  private readonly dropOrder: Int32Array;
  private readonly dropT: Float64Array;

  constructor(private readonly a: ArrowTable, tEnd: number) {
    const n = a.count;
    const end = Math.max(1, tEnd);
    // A bucket about as long as a typical flight (the 90th percentile), and not finer than
    // 1/65536 of the run, so most arrows sit in one or two buckets.
    const spans = new Float64Array(n);
    for (let i = 0; i < n; i++) spans[i] = a.endT[i] - a.sendT[i];
    const sample = spans.length > 20_000 ? spans.filter((_, i) => i % Math.ceil(spans.length / 20_000) === 0) : spans.slice();
    sample.sort();
    const p90 = sample.length > 0 ? sample[Math.floor(sample.length * 0.9)] : 0;
    this.width = Math.max(end / 65_536, p90, 1);
    const buckets = Math.floor(end / this.width) + 1;
    const count = new Int32Array(buckets + 1);
    const longList: number[] = [];
    const first = (i: number) => Math.floor(a.sendT[i] / this.width);
    const last = (i: number) => Math.min(buckets - 1, Math.floor(a.endT[i] / this.width));
    for (let i = 0; i < n; i++) {
      if (a.endT[i] <= a.sendT[i]) continue;
      const b0 = first(i), b1 = last(i);
      if (b1 - b0 + 1 > MAX_BUCKETS_PER_ARROW) longList.push(i);
      else for (let b = b0; b <= b1; b++) count[b + 1]++;
    }
    for (let b = 0; b < buckets; b++) count[b + 1] += count[b];
    this.start = count.slice();
    const fill = count.slice(0, buckets);
    this.items = new Int32Array(count[buckets]);
    for (let i = 0; i < n; i++) {
      if (a.endT[i] <= a.sendT[i]) continue;
      const b0 = first(i), b1 = last(i);
      if (b1 - b0 + 1 > MAX_BUCKETS_PER_ARROW) continue;
      for (let b = b0; b <= b1; b++) this.items[fill[b]++] = i;
    }
    this.long = Int32Array.from(longList);
    const drops: number[] = [];
    for (let i = 0; i < n; i++) if (a.status[i] === DROPPED) drops.push(i);
    drops.sort((p, q) => a.endT[p] - a.endT[q] || p - q);
    this.dropOrder = Int32Array.from(drops);
    this.dropT = Float64Array.from(drops, (i) => a.endT[i]);
  }

  /** Arrows in flight at `t` (sent at or before it, not yet arrived or dropped), in arrow order. */
  at(t: number): number[] {
    const a = this.a;
    const out: number[] = [];
    const b = Math.floor(t / this.width);
    if (b >= 0 && b < this.start.length - 1) {
      for (let j = this.start[b]; j < this.start[b + 1]; j++) {
        const i = this.items[j];
        if (a.sendT[i] <= t && t < a.endT[i]) out.push(i);
      }
    }
    for (const i of this.long) if (a.sendT[i] <= t && t < a.endT[i]) out.push(i);
    if (this.long.length > 0) out.sort((p, q) => p - q);
    return out;
  }

  /** Dropped arrows that died in (t0, t1], by time of death. */
  droppedIn(t0: number, t1: number): number[] {
    const lo = upperBound(this.dropT, t0), hi = upperBound(this.dropT, t1);
    const out: number[] = [];
    for (let j = lo; j < hi; j++) out.push(this.dropOrder[j]);
    return out;
  }

  /** How many arrows the index lists (bucket entries plus long ones): its memory, in entries. */
  get entries(): number {
    return this.items.length + this.long.length;
  }
}
