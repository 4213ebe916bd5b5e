import { SECOND } from "../../../core/time";
import type { Micros } from "../../../core/time";
import { requireWhole } from "./policy-config-error";
import { PERMITTED, REJECTED } from "./rate-limiter";
import type { RateLimitDecision, RateLimiter } from "./rate-limiter";
import type { OptionTable } from "../../../options/option-table";
import { defaultsOf } from "../../../options/option-table";

/**
 * The rate limiter's options, declared once, with Resilience4j's RateLimiterConfig defaults
 * (RateLimiterConfig.java L152-154). The refresh period is in nanoseconds because Resilience4j's
 * default is shorter than one tick of virtual time.
 */
export const RATE_LIMITER_OPTIONS = {
  limitForPeriod: { type: "int", default: 50, min: 1, description: "Permits per refresh period.", source: "Resilience4j limitForPeriod" },
  limitRefreshPeriodNs: { type: "int", default: 500, min: 1, description: "The refresh period, in nanoseconds.", source: "Resilience4j limitRefreshPeriod" },
  timeoutDurationUs: { type: "duration", default: 5 * SECOND, description: "How long a call may wait for a permit.", source: "Resilience4j timeoutDuration" },
} as const satisfies OptionTable;

/** Resilience4j's rate limiter defaults, from the table. */
export const RATE_LIMITER_DEFAULTS = defaultsOf(RATE_LIMITER_OPTIONS);

/** The options of Resilience4j's rate limiter. */
export interface AtomicRateLimiterOptions {
  /** Permits available in each refresh period. */
  limitForPeriod: number;
  /**
   * The refresh period in nanoseconds. Nanoseconds, unlike every other duration here, because
   * Resilience4j's default period is 500 ns, shorter than one tick of virtual time.
   */
  limitRefreshPeriodNs: number;
  /** How long a request may wait for a permit; a longer wait is rejected instead. 0: never wait. */
  timeoutDurationUs: Micros;
}

const NS_PER_US = 1000;

/**
 * Resilience4j's AtomicRateLimiter on virtual time. Time is cut into cycles of
 * `limitRefreshPeriod` counted from the limiter's creation; at the start of each cycle the
 * permits refill to `limitForPeriod` (unused permits do not pile up beyond one period's worth).
 * A request that finds no permit computes when enough will have refilled; if that is within
 * `timeoutDuration` it reserves them (the count may go negative) and is told to wait until then,
 * otherwise it is rejected and reserves nothing.
 */
export class AtomicRateLimiter implements RateLimiter {
  readonly options: AtomicRateLimiterOptions;
  private readonly createdAt: Micros;
  private activeCycle = 0;
  private activePermissions: number;

  constructor(options: Partial<AtomicRateLimiterOptions> = {}, createdAt: Micros = 0) {
    const o: AtomicRateLimiterOptions = { ...RATE_LIMITER_DEFAULTS, ...options };
    requireWhole("rate limiter", "limitForPeriod", o.limitForPeriod, 1);
    requireWhole("rate limiter", "limitRefreshPeriodNs", o.limitRefreshPeriodNs, 1, "nanoseconds");
    requireWhole("rate limiter", "timeoutDurationUs", o.timeoutDurationUs, 0, "microseconds");
    this.options = o;
    this.createdAt = createdAt;
    this.activePermissions = o.limitForPeriod;
  }

  tryAcquire(now: Micros, permits = 1): RateLimitDecision {
    requireWhole("rate limiter", "permits", permits, 1);
    const nowNs = (now - this.createdAt) * NS_PER_US;
    this.refill(nowNs);
    const waitNs = this.nanosToWait(permits, nowNs);
    if (waitNs > this.options.timeoutDurationUs * NS_PER_US) return REJECTED;
    this.activePermissions -= permits;
    if (waitNs === 0) return PERMITTED;
    // Round the wait up to whole microseconds: waking a fraction early would find no permit.
    const waitUs = Math.ceil(waitNs / NS_PER_US);
    return { kind: "wait", until: now + waitUs, waitUs };
  }

  availablePermits(now: Micros): number {
    this.refill((now - this.createdAt) * NS_PER_US);
    return this.activePermissions;
  }

  /** Resilience4j's `calculateNextState`, first half: move to the current cycle and refill. */
  private refill(nowNs: number): void {
    const cycle = Math.floor(nowNs / this.options.limitRefreshPeriodNs);
    if (cycle <= this.activeCycle) return;
    const accumulated = (cycle - this.activeCycle) * this.options.limitForPeriod;
    this.activePermissions = Math.min(this.activePermissions + accumulated, this.options.limitForPeriod);
    this.activeCycle = cycle;
  }

  /** Resilience4j's `nanosToWaitForPermission`: whole cycles to wait, plus the rest of this one. */
  private nanosToWait(permits: number, nowNs: number): number {
    if (this.activePermissions >= permits) return 0;
    const period = this.options.limitRefreshPeriodNs;
    const limit = this.options.limitForPeriod;
    const nanosToNextCycle = (this.activeCycle + 1) * period - nowNs;
    const permissionsAtStartOfNextCycle = this.activePermissions + limit;
    const fullCycles = Math.max(0, Math.ceil((permits - permissionsAtStartOfNextCycle) / limit));
    return fullCycles * period + nanosToNextCycle;
  }
}
