import type { Micros } from "../../core/time";
import { TokenBucket } from "../proxy/policies/token-bucket";
import type { ConsumerRateLimit } from "./gateway-options";

/**
 * One token bucket per client (consumer or IP), made on the client's first request: Spring
 * Cloud Gateway's RequestRateLimiter keeps a bucket per resolved key in Redis the same way. A
 * request takes one token or is refused with 429 at once (the gateway never queues it). The
 * number of buckets is bounded by `maxKeys`: when a new client would exceed it, the oldest
 * bucket is forgotten (a fresh bucket starts full, so forgetting only ever errs towards letting
 * a request through, never towards refusing one).
 */
export class ConsumerLimits {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly o: ConsumerRateLimit, private readonly maxKeys = 10_000) {}

  /** The key of a request: its consumer, or its IP when it has none or the limit is by IP. */
  keyOf(consumer: string | null, ip: string): string {
    return this.o.keyBy === "consumer" && consumer !== null ? `consumer:${consumer}` : `ip:${ip}`;
  }

  /** Takes a token for `key` at `now`; false means 429. */
  tryAcquire(key: string, now: Micros): boolean {
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size >= this.maxKeys) this.buckets.delete(this.buckets.keys().next().value as string);
      b = new TokenBucket({ ratePerSec: this.o.replenishRatePerSec, burst: this.o.burstCapacity, maxWaitUs: 0 }, now);
      this.buckets.set(key, b);
    }
    return b.tryAcquire(now).kind === "permitted";
  }
}
