import type { Micros } from "../../core/time";
import { Totals } from "./sliding-window";
import type { Outcome, SlidingWindow, WindowSnapshot } from "./sliding-window";

const CODE: Record<Outcome, number> = { SUCCESS: 0, ERROR: 1, SLOW_SUCCESS: 2, SLOW_ERROR: 3 };
const OUTCOME: readonly Outcome[] = ["SUCCESS", "ERROR", "SLOW_SUCCESS", "SLOW_ERROR"];

/**
 * Resilience4j's COUNT_BASED window (FixedSizeSlidingWindowMetrics): the last `size` calls, in a
 * ring. Before the ring is full it holds fewer calls, which is why the breaker also needs a
 * minimum number of calls before it may judge. A window of size 0 records nothing; DISABLED and
 * FORCED_OPEN use one, as Resilience4j does.
 */
export class CountBasedWindow implements SlidingWindow {
  private readonly outcomes: Uint8Array;
  private readonly durations: Float64Array;
  private readonly totals = new Totals();
  private head = -1;

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 0) {
      throw new RangeError(`count-based window: size must be a whole number >= 0, got ${size}`);
    }
    this.outcomes = new Uint8Array(size);
    this.durations = new Float64Array(size);
  }

  record(outcome: Outcome, durationUs: Micros, _now: Micros): WindowSnapshot {
    if (this.size === 0) return this.totals;
    this.head = (this.head + 1) % this.size;
    // Once the ring has wrapped, the slot under the head holds the oldest call: evict it first.
    if (this.totals.totalCalls === this.size) {
      this.totals.apply(OUTCOME[this.outcomes[this.head]], this.durations[this.head], -1);
    }
    this.outcomes[this.head] = CODE[outcome];
    this.durations[this.head] = durationUs;
    this.totals.apply(outcome, durationUs, 1);
    return this.totals;
  }

  snapshot(_now: Micros): WindowSnapshot {
    return this.totals.copy();
  }
}
