import type { Micros } from "../../core/time";

/**
 * How one call ended, as Resilience4j's `Metrics.Outcome` classifies it: a call is slow when it
 * took strictly longer than the slow-call threshold, whether it succeeded or failed.
 */
export type Outcome = "SUCCESS" | "ERROR" | "SLOW_SUCCESS" | "SLOW_ERROR";

/** The aggregate of the calls a window holds right now. */
export interface WindowSnapshot {
  /** Calls in the window (Resilience4j: "buffered calls"). */
  readonly totalCalls: number;
  readonly failedCalls: number;
  readonly slowCalls: number;
  readonly slowFailedCalls: number;
  /** Sum of the durations of the calls in the window. */
  readonly totalDurationUs: Micros;
}

/**
 * A sliding window of call outcomes. Both kinds keep running totals and subtract what falls out
 * (Resilience4j's "subtract on evict"), so recording and reading are O(1) however big the window.
 * `now` is virtual time: the count-based window ignores it, the time-based one uses it to retire
 * old buckets.
 */
export interface SlidingWindow {
  /**
   * Records one finished call and returns the aggregate after it. The result is the window's live
   * aggregate, not a copy (recording is on every call's path, so it allocates nothing): read it
   * before the next call into the window, or use `snapshot` for a copy to keep.
   */
  record(outcome: Outcome, durationUs: Micros, now: Micros): WindowSnapshot;
  /** A copy of the window's aggregate at `now`, after retiring what has slid out. */
  snapshot(now: Micros): WindowSnapshot;
}

/** Mutable running totals, shared by both windows and by their buckets. */
export class Totals implements WindowSnapshot {
  totalCalls = 0;
  failedCalls = 0;
  slowCalls = 0;
  slowFailedCalls = 0;
  totalDurationUs = 0;

  /** Adds (`sign` 1) or removes (`sign` -1) one outcome. */
  apply(outcome: Outcome, durationUs: Micros, sign: 1 | -1): void {
    this.totalCalls += sign;
    this.totalDurationUs += sign * durationUs;
    if (outcome === "ERROR" || outcome === "SLOW_ERROR") this.failedCalls += sign;
    if (outcome === "SLOW_SUCCESS" || outcome === "SLOW_ERROR") this.slowCalls += sign;
    if (outcome === "SLOW_ERROR") this.slowFailedCalls += sign;
  }

  /** Removes everything another aggregate holds (a bucket leaving the window). */
  subtract(other: WindowSnapshot): void {
    this.totalCalls -= other.totalCalls;
    this.failedCalls -= other.failedCalls;
    this.slowCalls -= other.slowCalls;
    this.slowFailedCalls -= other.slowFailedCalls;
    this.totalDurationUs -= other.totalDurationUs;
  }

  clear(): void {
    this.totalCalls = 0;
    this.failedCalls = 0;
    this.slowCalls = 0;
    this.slowFailedCalls = 0;
    this.totalDurationUs = 0;
  }

  /** A frozen copy, so a caller can keep it while the window moves on. */
  copy(): WindowSnapshot {
    return {
      totalCalls: this.totalCalls,
      failedCalls: this.failedCalls,
      slowCalls: this.slowCalls,
      slowFailedCalls: this.slowFailedCalls,
      totalDurationUs: this.totalDurationUs,
    };
  }
}
