import { SECOND } from "../../../core/time";
import type { Micros } from "../../../core/time";
import { requireWhole } from "./policy-config-error";

/**
 * Resilience4j's TimeLimiterConfig defaults (TimeLimiterConfig.java L14): a call gets 1 s, and
 * the running call is cancelled when it times out.
 */
export const TIME_LIMITER_DEFAULTS = {
  timeoutDurationUs: 1 * SECOND,
  cancelRunningFuture: true,
} as const;

/** The time limiter's options. */
export interface TimeLimiterOptions {
  /** The time a call may take (>= 1 µs). */
  timeoutDurationUs: Micros;
  /** Whether the timed-out call is cancelled (its late reply ignored) or left to finish. */
  cancelRunningFuture: boolean;
}

/**
 * A time limit for calls. It is only arithmetic: the proxy gives `rt.call` the timeout or sets a
 * timer at `deadline`, and a reply that comes at or after the deadline counts as a timeout.
 */
export class TimeLimiter {
  readonly options: TimeLimiterOptions;

  constructor(options: Partial<TimeLimiterOptions> = {}) {
    const o: TimeLimiterOptions = { ...TIME_LIMITER_DEFAULTS, ...options };
    requireWhole("time limiter", "timeoutDurationUs", o.timeoutDurationUs, 1, "microseconds");
    this.options = o;
  }

  /** When a call started at `startedAt` times out. */
  deadline(startedAt: Micros): Micros {
    return startedAt + this.options.timeoutDurationUs;
  }

  /** True when a call started at `startedAt` has timed out by `now` (at the deadline or later). */
  isTimedOut(startedAt: Micros, now: Micros): boolean {
    return now >= this.deadline(startedAt);
  }

  /**
   * The timeout to give one attempt when the whole call has an overall deadline as well: the
   * smaller of the two, never below zero (a 0 means there is no time left to try).
   */
  attemptTimeout(now: Micros, overallDeadline: Micros | null = null): Micros {
    const own = this.options.timeoutDurationUs;
    return overallDeadline === null ? own : Math.max(0, Math.min(own, overallDeadline - now));
  }
}
