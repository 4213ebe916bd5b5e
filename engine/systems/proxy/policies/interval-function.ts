import { MS } from "../../../core/time";
import type { Micros } from "../../../core/time";
import type { Rng } from "../../../core/rng";
import { PolicyConfigError, requireRange, requireWhole } from "./policy-config-error";
import type { OptionTable } from "../../../options/option-table";
import { defaultsOf } from "../../../options/option-table";

/**
 * How long to wait before the next attempt, given the number of the attempt that just failed
 * (1 after the first call). Resilience4j's `IntervalFunction`, in microseconds of virtual time.
 */
export type IntervalFunction = (attempt: number) => Micros;

/**
 * The interval functions' options, declared once (engine/options/option-table.ts) with
 * Resilience4j's IntervalFunction defaults (resilience4j core IntervalFunction.java L18-20).
 */
export const INTERVAL_OPTIONS = {
  initialIntervalUs: { type: "duration", default: 500 * MS, min: 1, description: "The wait after the first failed attempt.", source: "Resilience4j IntervalFunction DEFAULT_INITIAL_INTERVAL" },
  multiplier: { type: "number", default: 1.5, min: 1, description: "Each wait is the previous one times this.", source: "Resilience4j DEFAULT_MULTIPLIER" },
  randomizationFactor: { type: "ratio", default: 0.5, description: "Jitter: the wait is drawn from [i - f*i, i + f*i).", source: "Resilience4j DEFAULT_RANDOMIZATION_FACTOR" },
} as const satisfies OptionTable;

/** Resilience4j's IntervalFunction defaults, from the table. */
export const INTERVAL_DEFAULTS = defaultsOf(INTERVAL_OPTIONS);

/** The options of the exponential and randomized interval functions. */
export interface BackoffOptions {
  /** The interval after the first attempt. */
  initialIntervalUs: Micros;
  /** Each interval is the previous one times this (>= 1), truncated to a whole microsecond. */
  multiplier: number;
  /** The interval is drawn uniformly from [i - f*i, i + f*i), f in [0, 1]. */
  randomizationFactor: number;
  /** A cap on the interval, applied last (after randomization), or null for none. */
  maxIntervalUs: Micros | null;
}

const POLICY = "interval function";

function checkAttempt(attempt: number): void {
  if (!Number.isInteger(attempt) || attempt < 1) {
    throw new RangeError(`${POLICY}: the attempt number must be a whole number >= 1, got ${attempt}`);
  }
}

function resolve(options: Partial<BackoffOptions>): BackoffOptions {
  const o: BackoffOptions = { ...INTERVAL_DEFAULTS, maxIntervalUs: null, ...options };
  requireWhole(POLICY, "initialIntervalUs", o.initialIntervalUs, 1, "microseconds");
  if (!Number.isFinite(o.multiplier) || o.multiplier < 1) {
    throw new PolicyConfigError(POLICY, "multiplier", "must be a number >= 1", o.multiplier);
  }
  requireRange(POLICY, "randomizationFactor", o.randomizationFactor, 0, 1);
  if (o.maxIntervalUs !== null) requireWhole(POLICY, "maxIntervalUs", o.maxIntervalUs, 1, "microseconds");
  return o;
}

/**
 * Resilience4j's `randomize`: uniform in [current - f*current, current + f*current), truncated to
 * a whole microsecond. The draw comes from the stream handed in, never from ambient randomness.
 */
export function randomize(currentUs: Micros, randomizationFactor: number, rng: Rng): Micros {
  const delta = randomizationFactor * currentUs;
  const min = currentUs - delta;
  const max = currentUs + delta;
  return Math.floor(min + rng.next() * (max - min));
}

/**
 * The `attempt`-th term of Resilience4j's exponential sequence: start at the initial interval and
 * apply `x -> floor(x * multiplier)` attempt - 1 times. Resilience4j truncates to whole
 * milliseconds at each step and we to whole microseconds, so from the fourth term on the two can
 * differ by less than a millisecond. The loop stops early at the cap, so it is bounded.
 */
function exponentialTerm(o: BackoffOptions, attempt: number): Micros {
  const cap = o.maxIntervalUs ?? Number.MAX_SAFE_INTEGER;
  let x = o.initialIntervalUs;
  for (let i = 1; i < attempt && x < cap; i++) x = Math.floor(x * o.multiplier);
  return x;
}

/** The same interval every time; Resilience4j's `IntervalFunction.ofDefaults()` is 500 ms. */
export function fixedInterval(intervalUs: Micros = INTERVAL_DEFAULTS.initialIntervalUs): IntervalFunction {
  requireWhole(POLICY, "intervalUs", intervalUs, 1, "microseconds");
  return (attempt) => {
    checkAttempt(attempt);
    return intervalUs;
  };
}

/** `IntervalFunction.ofRandomized`: the initial interval, randomized each time. */
export function randomizedInterval(rng: Rng, options: Partial<Pick<BackoffOptions, "initialIntervalUs" | "randomizationFactor">> = {}): IntervalFunction {
  const o = resolve(options);
  return (attempt) => {
    checkAttempt(attempt);
    return randomize(o.initialIntervalUs, o.randomizationFactor, rng);
  };
}

/** `IntervalFunction.ofExponentialBackoff`: 500 ms, 750 ms, 1125 ms, ... capped at `maxIntervalUs`. */
export function exponentialBackoff(options: Partial<Omit<BackoffOptions, "randomizationFactor">> = {}): IntervalFunction {
  const o = resolve(options);
  return (attempt) => {
    checkAttempt(attempt);
    return Math.min(exponentialTerm(o, attempt), o.maxIntervalUs ?? Number.MAX_SAFE_INTEGER);
  };
}

/**
 * `IntervalFunction.ofExponentialRandomBackoff`: the exponential term, randomized, then capped
 * (Resilience4j caps after randomizing, so the cap is a hard ceiling).
 */
export function exponentialRandomBackoff(rng: Rng, options: Partial<BackoffOptions> = {}): IntervalFunction {
  const o = resolve(options);
  return (attempt) => {
    checkAttempt(attempt);
    const randomized = randomize(exponentialTerm(o, attempt), o.randomizationFactor, rng);
    return Math.min(randomized, o.maxIntervalUs ?? Number.MAX_SAFE_INTEGER);
  };
}
