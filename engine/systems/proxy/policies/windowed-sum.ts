import type { Micros } from "../../../core/time";

/**
 * A sum over a sliding window of time, kept in `slices` equal slices (Finagle's WindowedAdder):
 * the current slice plus the `slices - 1` before it. Slices are aligned to virtual time
 * (`floor(now / sliceUs)`); Finagle aligns them to its last expiry, which moves the edges by less
 * than a slice. A value added at t stops counting between (slices - 1) and slices slice-lengths
 * later.
 */
export class WindowedSum {
  private readonly values: Float64Array;
  private readonly sliceUs: Micros;
  private head = 0;
  private headSlice: number;
  private total = 0;

  constructor(
    readonly rangeUs: Micros,
    readonly slices: number,
    createdAt: Micros,
  ) {
    if (!Number.isInteger(slices) || slices < 2) throw new RangeError(`windowed sum: slices must be a whole number >= 2, got ${slices}`);
    if (!Number.isInteger(rangeUs) || rangeUs < slices) {
      throw new RangeError(`windowed sum: rangeUs must be a whole number of microseconds >= slices (${slices}), got ${rangeUs}`);
    }
    this.sliceUs = Math.floor(rangeUs / slices);
    this.values = new Float64Array(slices);
    this.headSlice = Math.floor(createdAt / this.sliceUs);
  }

  add(x: number, now: Micros): void {
    this.moveTo(now);
    this.values[this.head] += x;
    this.total += x;
  }

  sum(now: Micros): number {
    this.moveTo(now);
    return this.total;
  }

  /** Retires the slices that have slid out; at most `slices` steps however long the gap. */
  private moveTo(now: Micros): void {
    const slice = Math.floor(now / this.sliceUs);
    const steps = Math.min(slice - this.headSlice, this.slices);
    if (steps <= 0) return;
    for (let i = 0; i < steps; i++) {
      this.head = (this.head + 1) % this.slices;
      this.total -= this.values[this.head];
      this.values[this.head] = 0;
    }
    this.headSlice = slice;
  }
}
