import { SECOND } from "../../../core/time";
import type { Micros } from "../../../core/time";
import { requireWhole } from "./policy-config-error";
import type { OptionTable } from "../../../options/option-table";
import { defaultsOf } from "../../../options/option-table";

/**
 * The time limiter's options, declared once, with Resilience4j's TimeLimiterConfig defaults
 * (TimeLimiterConfig.java L14).
 */
export const TIME_LIMITER_OPTIONS = {
  timeoutDurationUs: { type: "duration", default: 1 * SECOND, min: 1, description: "The time a call may take.", source: "Resilience4j TimeLimiter timeoutDuration" },
  cancelRunningFuture: { type: "bool", default: true, description: "Cancel the timed-out call (its late reply is ignored) instead of leaving it to finish.", source: "Resilience4j cancelRunningFuture" },
} as const satisfies OptionTable;

/** Resilience4j's time limiter defaults, from the table. */
export const TIME_LIMITER_DEFAULTS = defaultsOf(TIME_LIMITER_OPTIONS);

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
