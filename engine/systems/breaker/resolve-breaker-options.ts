import type { BreakerOptions } from "./breaker-options";
import { RESILIENCE4J_BREAKER } from "./profiles";

/** A configuration error a user can cause; the message names the breaker and the right range. */
export class BreakerConfigError extends Error {
  /** The catalogue's code for a bad component option (engine/error-catalogue.ts). */
  readonly code = "CS701" as const;
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
