import type { Micros } from "../../core/time";
import { RESILIENCE4J_BREAKER } from "./profiles";

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

/** A configuration error a user can cause; the message names the breaker and the right range. */
export class BreakerConfigError extends Error {
  readonly code = "breaker-option-invalid";
  readonly option: keyof BreakerOptions;
  constructor(breaker: string, option: keyof BreakerOptions, rule: string, got: unknown) {
    super(`breaker '${breaker}': ${option} ${rule}, got ${JSON.stringify(got) ?? String(got)}`);
    this.name = "BreakerConfigError";
    this.option = option;
  }
}

/**
 * Fills the unset options from Resilience4j's defaults and checks every value, with the same
 * bounds Resilience4j's builder enforces (except that `minimumNumberOfCalls` may be 0, which is
 * opossum's `volumeThreshold: 0`; the rates are still -1 while the window is empty).
 */
export function resolveBreakerOptions(name: string, options: Partial<BreakerOptions> = {}): BreakerOptions {
  const o: BreakerOptions = { ...RESILIENCE4J_BREAKER, ...options };
  const fail = (option: keyof BreakerOptions, rule: string): never => {
    throw new BreakerConfigError(name, option, rule, o[option]);
  };
  const percent = (v: number) => Number.isFinite(v) && v > 0 && v <= 100;
  const whole = (v: number, min: number) => Number.isInteger(v) && v >= min;
  if (!percent(o.failureRateThreshold)) fail("failureRateThreshold", "must be a percentage in (0, 100]");
  if (!percent(o.slowCallRateThreshold)) fail("slowCallRateThreshold", "must be a percentage in (0, 100]");
  if (!whole(o.slowCallDurationThresholdUs, 0)) fail("slowCallDurationThresholdUs", "must be a whole number of microseconds >= 0");
  if (o.slidingWindowType !== "COUNT_BASED" && o.slidingWindowType !== "TIME_BASED") {
    fail("slidingWindowType", 'must be "COUNT_BASED" or "TIME_BASED"');
  }
  if (!whole(o.slidingWindowSize, 1)) fail("slidingWindowSize", "must be a whole number >= 1 (calls, or seconds when TIME_BASED)");
  if (!whole(o.minimumNumberOfCalls, 0)) fail("minimumNumberOfCalls", "must be a whole number >= 0");
  if (!whole(o.permittedNumberOfCallsInHalfOpenState, 1)) fail("permittedNumberOfCallsInHalfOpenState", "must be a whole number >= 1");
  if (!whole(o.waitDurationInOpenStateUs, 1)) fail("waitDurationInOpenStateUs", "must be a whole number of microseconds >= 1");
  if (o.waitIntervalFunctionInOpenState !== null && typeof o.waitIntervalFunctionInOpenState !== "function") {
    fail("waitIntervalFunctionInOpenState", "must be a function of the attempt number, or null");
  }
  if (typeof o.automaticTransitionFromOpenToHalfOpenEnabled !== "boolean") {
    fail("automaticTransitionFromOpenToHalfOpenEnabled", "must be true or false");
  }
  if (!whole(o.maxWaitDurationInHalfOpenStateUs, 0)) fail("maxWaitDurationInHalfOpenStateUs", "must be a whole number of microseconds >= 0 (0 waits forever)");
  if (o.thresholdComparison !== ">=" && o.thresholdComparison !== ">") fail("thresholdComparison", 'must be ">=" or ">"');
  if (o.ratePrecision !== "exact" && o.ratePrecision !== "whole-percent") fail("ratePrecision", 'must be "exact" or "whole-percent"');
  if (o.bug !== "none" && o.bug !== "half-open-lets-all-through") fail("bug", 'must be "none" or "half-open-lets-all-through"');
  return o;
}
