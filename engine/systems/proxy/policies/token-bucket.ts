import { SECOND } from "../../../core/time";
import type { Micros } from "../../../core/time";
import { PolicyConfigError, requireWhole } from "./policy-config-error";
import { PERMITTED, REJECTED } from "./rate-limiter";
import type { RateLimitDecision, RateLimiter } from "./rate-limiter";
import type { OptionTable } from "../../../options/option-table";
import { defaultsOf } from "../../../options/option-table";

/** The token bucket's option with a default, declared once; its rate and burst have none. */
export const TOKEN_BUCKET_OPTIONS = {
  maxWaitUs: { type: "duration", default: 0, description: "How long a call may wait for tokens; 0 refuses at once." },
} as const satisfies OptionTable;

/** The classic token bucket's options. There is no system default: a rate must be chosen. */
export interface TokenBucketOptions {
  /** Tokens added per second of virtual time, continuously (> 0). */
  ratePerSec: number;
  /** The bucket's capacity: the largest burst allowed after a quiet spell (>= 1). */
  burst: number;
  /** How long a request may wait for tokens; 0 (the default) rejects instead of waiting. */
  maxWaitUs: Micros;
}

/**
 * The classic token bucket (as in Envoy's local rate limit or Guava's smooth limiter): it starts
 * full, refills continuously at `ratePerSec` up to `burst`, and each request takes its tokens. So
 * over any interval of length L at most burst + ratePerSec x L requests pass. Tokens are kept in
 * units of token-microseconds (tokens x 1e6), so an integer rate refills in exact integers.
 */
export class TokenBucket implements RateLimiter {
  readonly options: TokenBucketOptions;
  private credit: number;
  private readonly capacity: number;
  private last: Micros;

  constructor(options: Partial<TokenBucketOptions> & Pick<TokenBucketOptions, "ratePerSec" | "burst">, createdAt: Micros = 0) {
    const o: TokenBucketOptions = { ...defaultsOf(TOKEN_BUCKET_OPTIONS), ...options };
    if (!Number.isFinite(o.ratePerSec) || o.ratePerSec <= 0) {
      throw new PolicyConfigError("token bucket", "ratePerSec", "must be a number > 0", o.ratePerSec);
    }
    requireWhole("token bucket", "burst", o.burst, 1);
    requireWhole("token bucket", "maxWaitUs", o.maxWaitUs, 0, "microseconds");
    this.options = o;
    this.capacity = o.burst * SECOND;
    this.credit = this.capacity;
    this.last = createdAt;
  }

  tryAcquire(now: Micros, permits = 1): RateLimitDecision {
    requireWhole("token bucket", "permits", permits, 1);
    this.refill(now);
    const need = permits * SECOND;
    if (this.credit >= need) {
      this.credit -= need;
      return PERMITTED;
    }
    // Not enough now: the deficit refills at ratePerSec token-microseconds per microsecond.
    const waitUs = Math.ceil((need - this.credit) / this.options.ratePerSec);
    if (waitUs > this.options.maxWaitUs || need > this.capacity) return REJECTED;
    this.credit -= need;
    return { kind: "wait", until: now + waitUs, waitUs };
  }

  availablePermits(now: Micros): number {
    this.refill(now);
    return Math.floor(this.credit / SECOND);
  }

  private refill(now: Micros): void {
    if (now <= this.last) return;
    this.credit = Math.min(this.capacity, this.credit + (now - this.last) * this.options.ratePerSec);
    this.last = now;
  }
}
