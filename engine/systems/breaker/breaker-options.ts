import type { Micros } from "../../core/time";

/** Which kind of sliding window the CLOSED state judges on (Resilience4j `SlidingWindowType`). */
export type SlidingWindowType = "COUNT_BASED" | "TIME_BASED";

/**
 * How a rate is compared with its threshold. Resilience4j and Hystrix trip at `rate >= threshold`;
 * opossum trips only at `rate > threshold`, so 50 % errors open a Resilience4j breaker but not an
 * opossum one.
 */
export type ThresholdComparison = ">=" | ">";

/**
 * How a rate is computed before the comparison. Resilience4j uses the exact percentage (a float);
 * Hystrix's HealthCounts truncates it to a whole percent (`(int) (errors / total * 100)`), so
 * 49.9 % counts as 49.
 */
export type RatePrecision = "exact" | "whole-percent";

/**
 * Deliberate, realistic bugs a scenario can switch on to show that a checker catches them.
 * `half-open-lets-all-through`: in HALF_OPEN every call is permitted instead of only the probes,
 * so a recovering backend receives the whole load at once.
 */
export type BreakerBug = "none" | "half-open-lets-all-through";

/**
 * The breaker's configuration, with Resilience4j's names (CircuitBreakerConfig) and the unit
 * written last. Durations are virtual microseconds. The defaults are Resilience4j's, written once
 * in `profiles.ts`; the options marked "model" let the same state machine behave like Hystrix or
 * opossum where those differ.
 */
export interface BreakerOptions {
  /** Percent of failed calls at which the breaker opens, in (0, 100]. */
  failureRateThreshold: number;
  /** Percent of slow calls at which the breaker opens, in (0, 100]. */
  slowCallRateThreshold: number;
  /** A call is slow when its duration is strictly greater than this. */
  slowCallDurationThresholdUs: Micros;
  slidingWindowType: SlidingWindowType;
  /** Calls (COUNT_BASED) or seconds (TIME_BASED) in the CLOSED window. */
  slidingWindowSize: number;
  /** Below this many calls in the window the rates are -1 and the breaker cannot trip. */
  minimumNumberOfCalls: number;
  /** Probe calls allowed in HALF_OPEN; they also form HALF_OPEN's own count window. */
  permittedNumberOfCallsInHalfOpenState: number;
  /** How long OPEN lasts before HALF_OPEN may be entered. */
  waitDurationInOpenStateUs: Micros;
  /**
   * A backoff for the OPEN wait, given the attempt (1 for the first opening, +1 each time the
   * breaker reopens without closing in between). When set it replaces the fixed wait.
   */
  waitIntervalFunctionInOpenState: ((attempt: number) => Micros) | null;
  /**
   * False: OPEN becomes HALF_OPEN lazily, at the first permission request strictly after the
   * wait. True: at the wait's end by a timer, which the owner sets from `nextTransitionAt()`.
   */
  automaticTransitionFromOpenToHalfOpenEnabled: boolean;
  /** HALF_OPEN longer than this reopens the breaker; 0 means it may wait forever. */
  maxWaitDurationInHalfOpenStateUs: Micros;
  /** Model: `>=` (Resilience4j, Hystrix) or `>` (opossum). */
  thresholdComparison: ThresholdComparison;
  /** Model: exact rates (Resilience4j, opossum) or whole percents (Hystrix). */
  ratePrecision: RatePrecision;
  /** Bug zoo: off by default. */
  bug: BreakerBug;
}
