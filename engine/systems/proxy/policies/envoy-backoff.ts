import { MS } from "../../../core/time";
import type { Micros } from "../../../core/time";
import type { Rng } from "../../../core/rng";
import type { IntervalFunction } from "./interval-function";
import { PolicyConfigError, requireWhole } from "./policy-config-error";

/**
 * Envoy's retry back-off defaults (router filter docs; api-v3 config/core/v3/backoff.proto): a
 * 25 ms base interval, and a maximum of 10 times the base when none is given.
 */
export const ENVOY_BACKOFF_DEFAULTS = {
  baseIntervalUs: 25 * MS,
  maxIntervalFactor: 10,
} as const;

/** The options of Envoy's fully jittered exponential back-off. */
export interface EnvoyBackoffOptions {
  baseIntervalUs: Micros;
  /** The ceiling of the interval; by default 10 x `baseIntervalUs`. Must be >= the base. */
  maxIntervalUs: Micros;
}

const POLICY = "envoy back-off";

/**
 * Envoy's `JitteredExponentialBackOffStrategy` ("full jitter"): the interval starts at the base
 * and doubles after every attempt up to the maximum, and each wait is drawn uniformly from
 * [0, interval), as `random() % interval` does in backoff_strategy.cc. With the defaults the
 * intervals are 25, 50, 100, 200, 250, 250 ... ms. Envoy keeps the doubling as state; here it is a
 * function of the attempt number, which gives the same sequence for attempts 1, 2, 3, ...
 */
export function envoyBackoff(rng: Rng, options: Partial<EnvoyBackoffOptions> = {}): IntervalFunction {
  const baseIntervalUs = options.baseIntervalUs ?? ENVOY_BACKOFF_DEFAULTS.baseIntervalUs;
  requireWhole(POLICY, "baseIntervalUs", baseIntervalUs, 1, "microseconds");
  const maxIntervalUs = options.maxIntervalUs ?? ENVOY_BACKOFF_DEFAULTS.maxIntervalFactor * baseIntervalUs;
  requireWhole(POLICY, "maxIntervalUs", maxIntervalUs, 1, "microseconds");
  if (maxIntervalUs < baseIntervalUs) {
    throw new PolicyConfigError(POLICY, "maxIntervalUs", `must be >= baseIntervalUs (${baseIntervalUs})`, maxIntervalUs);
  }
  return (attempt) => {
    if (!Number.isInteger(attempt) || attempt < 1) {
      throw new RangeError(`${POLICY}: the attempt number must be a whole number >= 1, got ${attempt}`);
    }
    return rng.int(envoyInterval(baseIntervalUs, maxIntervalUs, attempt));
  };
}

/** The interval the `attempt`-th wait is drawn below: min(base x 2^(attempt-1), max). */
export function envoyInterval(baseIntervalUs: Micros, maxIntervalUs: Micros, attempt: number): Micros {
  let interval = baseIntervalUs;
  for (let i = 1; i < attempt && interval < maxIntervalUs; i++) interval = Math.min(interval * 2, maxIntervalUs);
  return interval;
}
