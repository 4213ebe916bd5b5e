import type { Micros } from "../../../core/time";

/**
 * What a rate limiter says to a request: go now; go at `until` (the permit is reserved and the
 * caller must wait, which the limiter's timeout allowed); or no.
 */
export type RateLimitDecision =
  | { readonly kind: "permitted" }
  | { readonly kind: "wait"; readonly until: Micros; readonly waitUs: Micros }
  | { readonly kind: "rejected" };

/** The one shared interface of the rate limiters (Resilience4j's cycle limiter, the token bucket). */
export interface RateLimiter {
  /** Asks for `permits` (default 1) at `now`; a "wait" answer has already reserved them. */
  tryAcquire(now: Micros, permits?: number): RateLimitDecision;
  /** Permits that could be taken at `now` without waiting (negative while reservations are owed). */
  availablePermits(now: Micros): number;
}

/** The decision constants, shared so that a "permitted" answer allocates nothing. */
export const PERMITTED: RateLimitDecision = { kind: "permitted" };
export const REJECTED: RateLimitDecision = { kind: "rejected" };
