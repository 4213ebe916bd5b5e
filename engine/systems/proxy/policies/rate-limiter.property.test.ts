import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { SECOND } from "../../../core/time";
import { AtomicRateLimiter } from "./atomic-rate-limiter";
import { TokenBucket } from "./token-bucket";
import type { RateLimiter } from "./rate-limiter";

/** Request times: a sorted list of gaps, with many zero gaps so that bursts happen. */
const gapsArb = fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 3 * SECOND })), {
  minLength: 1,
  maxLength: 300,
});

/** Plays the requests and returns the time each granted permit may be used. */
function grants(limiter: RateLimiter, gaps: readonly number[], start: number): number[] {
  const out: number[] = [];
  let now = start;
  for (const gap of gaps) {
    now += gap;
    const d = limiter.tryAcquire(now);
    if (d.kind === "permitted") out.push(now);
    else if (d.kind === "wait") out.push(d.until);
  }
  return out.sort((a, b) => a - b);
}

/** The most grants that fall in any half-open window [t, t + length), over every start t. */
function maxInWindow(times: readonly number[], length: number): number {
  let best = 0;
  let j = 0;
  for (let i = 0; i < times.length; i++) {
    while (times[i] - times[j] >= length) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

describe("rate limiters: properties", () => {
  it("rate limiter property: Resilience4j's limiter grants at most limit x (cycles touched) in any window", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 0, max: 1000 }),
        gapsArb,
        fc.integer({ min: 1, max: 20 }),
        (limit, periodUs, timeoutUs, start, gaps, windowCycles) => {
          const r = new AtomicRateLimiter({ limitForPeriod: limit, limitRefreshPeriodNs: periodUs * 1000, timeoutDurationUs: timeoutUs }, start);
          const times = grants(r, gaps, start);
          const length = windowCycles * periodUs;
          // A window of k periods overlaps at most k + 1 cycles, each worth `limit` permits.
          expect(maxInWindow(times, length)).toBeLessThanOrEqual(limit * (windowCycles + 1));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("rate limiter property: the token bucket grants at most burst + rate x L in any window of length L", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 0, max: SECOND }),
        gapsArb,
        fc.integer({ min: 1, max: 5 * SECOND }),
        (rate, burst, maxWaitUs, gaps, length) => {
          const times = grants(new TokenBucket({ ratePerSec: rate, burst, maxWaitUs }), gaps, 0);
          expect(maxInWindow(times, length)).toBeLessThanOrEqual(burst + Math.ceil((rate * length) / SECOND));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("rate limiter property: a permitted or waiting answer never comes later than the timeout allows", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 0, max: 20_000 }), gapsArb, (limit, periodUs, timeoutUs, gaps) => {
        const r = new AtomicRateLimiter({ limitForPeriod: limit, limitRefreshPeriodNs: periodUs * 1000, timeoutDurationUs: timeoutUs });
        let now = 0;
        for (const gap of gaps) {
          now += gap;
          const d = r.tryAcquire(now);
          if (d.kind === "wait") {
            expect(d.until - now).toBe(d.waitUs);
            expect(d.waitUs).toBeGreaterThan(0);
            expect(d.waitUs).toBeLessThanOrEqual(timeoutUs);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
