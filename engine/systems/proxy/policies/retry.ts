import { MS } from "../../../core/time";
import type { Micros } from "../../../core/time";
import { fixedInterval } from "./interval-function";
import type { IntervalFunction } from "./interval-function";
import { requireWhole } from "./policy-config-error";
import type { RetryBudget } from "./retry-budget";
import type { OptionTable } from "../../../options/option-table";
import { defaultsOf } from "../../../options/option-table";

/**
 * The retry policy's options, declared once, with Resilience4j's RetryConfig defaults
 * (RetryConfig.java L39-41): attempts count the first call, and the wait between them is fixed.
 */
export const RETRY_OPTIONS = {
  maxAttempts: { type: "int", default: 3, min: 1, description: "Attempts in all, the first call included; 1 never retries.", source: "Resilience4j maxAttempts" },
  waitDurationUs: { type: "duration", default: 500 * MS, min: 1, description: "The fixed wait after a failed attempt, when no interval function is given.", source: "Resilience4j waitDuration" },
} as const satisfies OptionTable;

/** Resilience4j's RetryConfig defaults, from the table. */
export const RETRY_DEFAULTS = defaultsOf(RETRY_OPTIONS);

/** The retry policy's options. */
export interface RetryOptions {
  /** Attempts in all, including the first call (>= 1; 1 means never retry). */
  maxAttempts: number;
  /** The wait after a failed attempt; by default a fixed `RETRY_DEFAULTS.waitDurationUs`. */
  intervalFunction: IntervalFunction;
}

/** What to do after a failed attempt. */
export type RetryDecision =
  /** Try again: attempt number `attempt` starts at `at`, `waitUs` after the failure. */
  | { readonly retry: true; readonly attempt: number; readonly waitUs: Micros; readonly at: Micros }
  /** Give up, and why. */
  | { readonly retry: false; readonly reason: "not-retryable" | "max-attempts" | "budget-exhausted" };

/** How a failed attempt ended, beyond its number. */
export interface FailureInfo {
  /** False for an error that must not be retried (a 4xx, an open breaker). Default true. */
  readonly retryable?: boolean;
  /** A shared retry budget to withdraw from; a retry it cannot pay for is not made. */
  readonly budget?: RetryBudget;
}

/**
 * Resilience4j's Retry as a decision: after attempt n fails, retry while n < maxAttempts, waiting
 * `intervalFunction(n)`. It holds no per-call state, so one policy serves every call of a proxy;
 * the caller counts the attempts of its own call.
 */
export class RetryPolicy {
  readonly maxAttempts: number;
  private readonly intervalFunction: IntervalFunction;

  constructor(options: Partial<RetryOptions> = {}) {
    this.maxAttempts = options.maxAttempts ?? RETRY_DEFAULTS.maxAttempts;
    requireWhole("retry", "maxAttempts", this.maxAttempts, 1);
    this.intervalFunction = options.intervalFunction ?? fixedInterval(RETRY_DEFAULTS.waitDurationUs);
  }

  /**
   * Decides after attempt `attempt` (1 for the first call) failed at `now`. The budget is asked
   * last, so that a retry refused for another reason does not spend it.
   */
  onFailure(attempt: number, now: Micros, failure: FailureInfo = {}): RetryDecision {
    if (!Number.isInteger(attempt) || attempt < 1) {
      throw new RangeError(`retry: the attempt that failed must be a whole number >= 1, got ${attempt}`);
    }
    if (failure.retryable === false) return { retry: false, reason: "not-retryable" };
    if (attempt >= this.maxAttempts) return { retry: false, reason: "max-attempts" };
    if (failure.budget && !failure.budget.tryWithdraw(now)) return { retry: false, reason: "budget-exhausted" };
    const waitUs = this.intervalFunction(attempt);
    return { retry: true, attempt: attempt + 1, waitUs, at: now + waitUs };
  }
}
