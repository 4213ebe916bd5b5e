import type { Micros } from "../../core/time";
import { CountBasedWindow } from "./count-based-window";
import { TimeBasedWindow } from "./time-based-window";
import type { BreakerOptions } from "./breaker-options";
import type { Outcome, SlidingWindow, WindowSnapshot } from "./sliding-window";

/**
 * What a recorded call did to the thresholds, as Resilience4j's `CircuitBreakerMetrics.Result`
 * says it: below the minimum number of calls nothing can be judged.
 */
export type ThresholdResult =
  | "BELOW_MINIMUM_CALLS_THRESHOLD"
  | "BELOW_THRESHOLDS"
  | "FAILURE_RATE_ABOVE_THRESHOLDS"
  | "SLOW_CALL_RATE_ABOVE_THRESHOLDS"
  | "ABOVE_THRESHOLDS";

/** True when the result should open the breaker (either rate at or over its threshold). */
export function exceedsThresholds(result: ThresholdResult): boolean {
  return result === "ABOVE_THRESHOLDS" || result === "FAILURE_RATE_ABOVE_THRESHOLDS" || result === "SLOW_CALL_RATE_ABOVE_THRESHOLDS";
}

/**
 * The numbers a breaker shows, with Resilience4j's `CircuitBreaker.Metrics` meanings: the rates are
 * percentages, or -1 while fewer than the minimum number of calls are in the window.
 */
export interface BreakerMetricsView {
  readonly failureRate: number;
  readonly slowCallRate: number;
  readonly numberOfBufferedCalls: number;
  readonly numberOfFailedCalls: number;
  readonly numberOfSuccessfulCalls: number;
  readonly numberOfSlowCalls: number;
  readonly numberOfSlowSuccessfulCalls: number;
  readonly numberOfSlowFailedCalls: number;
  /** Calls refused while this metrics object was in use (OPEN, HALF_OPEN, FORCED_OPEN). */
  readonly numberOfNotPermittedCalls: number;
}

/**
 * One state's metrics: a sliding window plus the rules that judge it (Resilience4j's
 * CircuitBreakerMetrics). Each state that records calls gets a fresh one, except OPEN, which keeps
 * the metrics of the state that opened it so that they still show why it opened.
 */
export class BreakerMetrics {
  private notPermitted = 0;

  private constructor(
    private readonly window: SlidingWindow,
    private readonly minimumNumberOfCalls: number,
    private readonly options: BreakerOptions,
  ) {}

  /**
   * CLOSED and METRICS_ONLY: the configured window. A COUNT_BASED window judges from
   * min(minimumNumberOfCalls, size) calls on, since it can never hold more than its size.
   */
  static forClosed(o: BreakerOptions, now: Micros): BreakerMetrics {
    if (o.slidingWindowType === "COUNT_BASED") {
      return new BreakerMetrics(new CountBasedWindow(o.slidingWindowSize), Math.min(o.minimumNumberOfCalls, o.slidingWindowSize), o);
    }
    return new BreakerMetrics(new TimeBasedWindow(o.slidingWindowSize, now), o.minimumNumberOfCalls, o);
  }

  /** HALF_OPEN: a fresh count window as large as the number of probes. */
  static forHalfOpen(o: BreakerOptions): BreakerMetrics {
    const size = o.permittedNumberOfCallsInHalfOpenState;
    return new BreakerMetrics(new CountBasedWindow(size), Math.min(o.minimumNumberOfCalls, size), o);
  }

  /** DISABLED and FORCED_OPEN: an empty window that records nothing. */
  static empty(o: BreakerOptions): BreakerMetrics {
    return new BreakerMetrics(new CountBasedWindow(0), 0, o);
  }

  /** Records a finished call: slow when its duration is strictly over the threshold. */
  record(failed: boolean, durationUs: Micros, now: Micros): ThresholdResult {
    const slow = durationUs > this.options.slowCallDurationThresholdUs;
    const outcome: Outcome = failed ? (slow ? "SLOW_ERROR" : "ERROR") : slow ? "SLOW_SUCCESS" : "SUCCESS";
    return this.judge(this.window.record(outcome, durationUs, now));
  }

  onCallNotPermitted(): void {
    this.notPermitted++;
  }

  view(now: Micros): BreakerMetricsView {
    const s = this.window.snapshot(now);
    return {
      failureRate: this.rate(s, s.failedCalls),
      slowCallRate: this.rate(s, s.slowCalls),
      numberOfBufferedCalls: s.totalCalls,
      numberOfFailedCalls: s.failedCalls,
      numberOfSuccessfulCalls: s.totalCalls - s.failedCalls,
      numberOfSlowCalls: s.slowCalls,
      numberOfSlowSuccessfulCalls: s.slowCalls - s.slowFailedCalls,
      numberOfSlowFailedCalls: s.slowFailedCalls,
      numberOfNotPermittedCalls: this.notPermitted,
    };
  }

  private judge(s: WindowSnapshot): ThresholdResult {
    const failureRate = this.rate(s, s.failedCalls);
    const slowRate = this.rate(s, s.slowCalls);
    if (failureRate === -1 || slowRate === -1) return "BELOW_MINIMUM_CALLS_THRESHOLD";
    const failureOver = this.over(failureRate, this.options.failureRateThreshold);
    const slowOver = this.over(slowRate, this.options.slowCallRateThreshold);
    if (failureOver && slowOver) return "ABOVE_THRESHOLDS";
    if (failureOver) return "FAILURE_RATE_ABOVE_THRESHOLDS";
    if (slowOver) return "SLOW_CALL_RATE_ABOVE_THRESHOLDS";
    return "BELOW_THRESHOLDS";
  }

  /** A percentage of the window's calls, or -1 when the window is empty or below the minimum. */
  private rate(s: WindowSnapshot, count: number): number {
    if (s.totalCalls === 0 || s.totalCalls < this.minimumNumberOfCalls) return -1;
    const percent = (count * 100) / s.totalCalls;
    return this.options.ratePrecision === "whole-percent" ? Math.trunc(percent) : percent;
  }

  private over(rate: number, threshold: number): boolean {
    return this.options.thresholdComparison === ">" ? rate > threshold : rate >= threshold;
  }
}
