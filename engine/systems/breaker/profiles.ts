import { MS, SECOND } from "../../core/time";
import type { Micros } from "../../core/time";
import type { BreakerOptions } from "./breaker-options";
import type { OptionTable } from "../../options/option-table";
import { defaultsOf } from "../../options/option-table";

/**
 * The breaker's options, each declared once (engine/options/option-table.ts), with Resilience4j's
 * CircuitBreakerConfig defaults (resilience4j@af9e7c9, CircuitBreakerConfig.java L43-99):
 * failure rate 50 %, slow-call rate 100 %, slow call > 60 s, a COUNT_BASED window of 100 calls
 * judged from 100 calls on, 10 probes in HALF_OPEN, 60 s in OPEN, lazy OPEN -> HALF_OPEN, no
 * limit on HALF_OPEN. This is the one place these numbers live; the exact bounds (a percentage
 * in (0, 100], whole microseconds) are resolveBreakerOptions's, as Resilience4j's builder has
 * them. `waitIntervalFunctionInOpenState` (a function, code only) is not in the table.
 */
export const BREAKER_OPTIONS = {
  failureRateThreshold: { type: "number", default: 50, min: 0, max: 100, description: "Percent of failed calls at which the breaker opens, in (0, 100].", source: "Resilience4j failureRateThreshold" },
  slowCallRateThreshold: { type: "number", default: 100, min: 0, max: 100, description: "Percent of slow calls at which the breaker opens, in (0, 100].", source: "Resilience4j slowCallRateThreshold" },
  slowCallDurationThresholdUs: { type: "duration", default: 60 * SECOND, description: "A call is slow when it takes strictly longer than this.", source: "Resilience4j slowCallDurationThreshold" },
  slidingWindowType: { type: "enum", default: "COUNT_BASED", values: ["COUNT_BASED", "TIME_BASED"], description: "The kind of window the CLOSED state judges on.", source: "Resilience4j slidingWindowType" },
  slidingWindowSize: { type: "int", default: 100, min: 1, description: "Calls (COUNT_BASED) or seconds (TIME_BASED) in the CLOSED window.", source: "Resilience4j slidingWindowSize" },
  minimumNumberOfCalls: { type: "int", default: 100, min: 0, description: "Below this many calls in the window the breaker cannot trip (0 is opossum's volumeThreshold 0).", source: "Resilience4j minimumNumberOfCalls" },
  permittedNumberOfCallsInHalfOpenState: { type: "int", default: 10, min: 1, description: "Probe calls allowed in HALF_OPEN.", source: "Resilience4j permittedNumberOfCallsInHalfOpenState" },
  waitDurationInOpenStateUs: { type: "duration", default: 60 * SECOND, min: 1, description: "How long OPEN lasts before HALF_OPEN may be entered.", source: "Resilience4j waitDurationInOpenState" },
  automaticTransitionFromOpenToHalfOpenEnabled: { type: "bool", default: false, description: "Enter HALF_OPEN by a timer at the wait's end, instead of at the first call after it.", source: "Resilience4j automaticTransitionFromOpenToHalfOpenEnabled" },
  maxWaitDurationInHalfOpenStateUs: { type: "duration", default: 0, description: "HALF_OPEN longer than this reopens the breaker; 0 waits forever.", source: "Resilience4j maxWaitDurationInHalfOpenState" },
  thresholdComparison: { type: "enum", default: ">=", values: [">=", ">"], description: "Model: trip at rate >= threshold (Resilience4j, Hystrix) or rate > threshold (opossum)." },
  ratePrecision: { type: "enum", default: "exact", values: ["exact", "whole-percent"], description: "Model: exact rates (Resilience4j, opossum) or truncated to a whole percent (Hystrix)." },
  bug: { type: "enum", default: "none", values: ["none", "half-open-lets-all-through"], description: "Bug zoo: in HALF_OPEN every call is permitted instead of only the probes." },
} as const satisfies OptionTable;

/** Resilience4j's defaults, from the table. */
export const RESILIENCE4J_BREAKER: BreakerOptions = { ...defaultsOf(BREAKER_OPTIONS), waitIntervalFunctionInOpenState: null };

/**
 * A duration no call reaches, for systems with no slow-call rule: with it the slow-call rate
 * stays 0 and can never trip the breaker.
 */
const NO_SLOW_CALLS: Micros = Number.MAX_SAFE_INTEGER;

/** A named system's breaker defaults, with the call timeout that system pairs them with. */
export interface BreakerProfile {
  /** Where the numbers come from. */
  readonly source: string;
  readonly breaker: BreakerOptions;
  /**
   * The system's default call timeout. The breaker does not time calls out itself: the proxy's
   * time limiter does, and reports a timeout to the breaker as an error.
   */
  readonly callTimeoutUs: Micros;
}

/**
 * The breaker profiles a scenario can name. Each reproduces its system's documented defaults with
 * the one Resilience4j state machine; where a system's rule differs, an option models it.
 *
 * Known differences that are not modelled: Hystrix re-evaluates its error percentage from a
 * health snapshot taken every 500 ms, so it can trip up to 500 ms later than this breaker, which
 * judges on every recorded call; opossum divides failures by every `fire` (rejected and in-flight
 * calls included) and judges only when a call fails, while this breaker divides by finished calls.
 * Both systems' buckets start when the breaker is created; here they are whole virtual seconds.
 */
export const BREAKER_PROFILES = {
  /** Resilience4j itself, with TimeLimiterConfig's 1 s timeout (TimeLimiterConfig.java L14). */
  resilience4j: {
    source: "resilience4j@af9e7c9 CircuitBreakerConfig.java L43-99, TimeLimiterConfig.java L14",
    breaker: RESILIENCE4J_BREAKER,
    callTimeoutUs: 1 * SECOND,
  },
  /**
   * Hystrix (HystrixCommandProperties.java L42-64; HystrixCircuitBreaker.java L177-207,
   * L264-288): a 10 s window in 10 one-second buckets, judged from 20 requests on, opening at an
   * error percentage >= 50 truncated to a whole percent; after a 5 s sleep window (strictly
   * after, checked lazily) one trial request passes: success closes and resets the stats,
   * failure reopens. Execution timeout 1000 ms. Hystrix has no slow-call rule.
   */
  hystrix: {
    source: "Netflix/Hystrix@7c03baf HystrixCommandProperties.java L42-64, HystrixCircuitBreaker.java L177-207 L264-288",
    breaker: {
      ...RESILIENCE4J_BREAKER,
      slidingWindowType: "TIME_BASED",
      slidingWindowSize: 10,
      minimumNumberOfCalls: 20,
      failureRateThreshold: 50,
      ratePrecision: "whole-percent",
      slowCallRateThreshold: 100,
      slowCallDurationThresholdUs: NO_SLOW_CALLS,
      waitDurationInOpenStateUs: 5000 * MS,
      automaticTransitionFromOpenToHalfOpenEnabled: false,
      permittedNumberOfCallsInHalfOpenState: 1,
    },
    callTimeoutUs: 1000 * MS,
  },
  /**
   * opossum (lib/circuit.js L179-241, L333-345, L981-998): a 10 s window in 10 buckets, no volume
   * threshold, opening when the error percentage is strictly above 50; a 30 s reset timer (a
   * timer, so the transition is automatic) enters HALF_OPEN, which allows a single attempt:
   * success closes, failure reopens. Timeout 10 s. opossum has no slow-call rule.
   */
  opossum: {
    source: "nodeshift/opossum@59421c5 lib/circuit.js L179-241 L333-345 L981-998",
    breaker: {
      ...RESILIENCE4J_BREAKER,
      slidingWindowType: "TIME_BASED",
      slidingWindowSize: 10,
      minimumNumberOfCalls: 0,
      failureRateThreshold: 50,
      thresholdComparison: ">",
      slowCallRateThreshold: 100,
      slowCallDurationThresholdUs: NO_SLOW_CALLS,
      waitDurationInOpenStateUs: 30 * SECOND,
      automaticTransitionFromOpenToHalfOpenEnabled: true,
      permittedNumberOfCallsInHalfOpenState: 1,
    },
    callTimeoutUs: 10 * SECOND,
  },
} as const satisfies Record<string, BreakerProfile>;

/** The name of a breaker profile: `resilience4j`, `hystrix` or `opossum`. */
export type BreakerProfileName = keyof typeof BREAKER_PROFILES;

/**
 * The profile called `name`, or a clear error listing the profiles that exist. Scenario files
 * name profiles by string, so a typo must say what would have been right.
 */
export function breakerProfile(name: string): BreakerProfile {
  if (Object.hasOwn(BREAKER_PROFILES, name)) return BREAKER_PROFILES[name as BreakerProfileName];
  const known = Object.keys(BREAKER_PROFILES).join(", ");
  throw new RangeError(`breaker profile '${name}' does not exist; the profiles are: ${known}`);
}
