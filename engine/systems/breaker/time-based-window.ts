import { SECOND } from "../../core/time";
import type { Micros } from "../../core/time";
import { Totals } from "./sliding-window";
import type { Outcome, SlidingWindow, WindowSnapshot } from "./sliding-window";

/**
 * Resilience4j's TIME_BASED window (SlidingTimeWindowMetrics): the calls of the last `seconds`
 * seconds, in one bucket per whole second of virtual time. The head bucket is the current second
 * and the others the `seconds - 1` before it, so a call recorded at 12.9 s leaves a 5-second
 * window at 17.0 s, not at 17.9 s: buckets retire whole, as in Resilience4j, where the bucket key
 * is the epoch second. Here the second is `floor(now / SECOND)` of virtual time.
 */
export class TimeBasedWindow implements SlidingWindow {
  private readonly buckets: Totals[];
  private readonly totals = new Totals();
  private headIndex = 0;
  private headSecond: number;

  constructor(readonly seconds: number, createdAt: Micros) {
    if (!Number.isInteger(seconds) || seconds < 1) {
      throw new RangeError(`time-based window: size must be a whole number of seconds >= 1, got ${seconds}`);
    }
    this.buckets = Array.from({ length: seconds }, () => new Totals());
    this.headSecond = Math.floor(createdAt / SECOND);
  }

  record(outcome: Outcome, durationUs: Micros, now: Micros): WindowSnapshot {
    this.moveTo(now);
    this.buckets[this.headIndex].apply(outcome, durationUs, 1);
    this.totals.apply(outcome, durationUs, 1);
    return this.totals;
  }

  snapshot(now: Micros): WindowSnapshot {
    this.moveTo(now);
    return this.totals.copy();
  }

  /**
   * Advances the head to the second of `now`, emptying every bucket it passes and subtracting
   * it from the totals. Moving more than `seconds` steps empties the whole window, so the loop
   * is bounded by the window size. Time never runs backwards in a run; a call that reports an
   * earlier `now` is credited to the current head rather than rewriting history.
   */
  private moveTo(now: Micros): void {
    const second = Math.floor(now / SECOND);
    const ahead = second - this.headSecond;
    if (ahead <= 0) return;
    const steps = Math.min(ahead, this.seconds);
    for (let i = 0; i < steps; i++) {
      this.headIndex = (this.headIndex + 1) % this.seconds;
      const bucket = this.buckets[this.headIndex];
      this.totals.subtract(bucket);
      bucket.clear();
    }
    this.headSecond = second;
  }
}
