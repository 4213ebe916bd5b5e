import { describe, expect, it } from "vitest";
import { SECOND } from "../../../core/time";
import { AtomicRateLimiter, RATE_LIMITER_DEFAULTS } from "./atomic-rate-limiter";

const PER_SECOND = 1_000_000_000; // a refresh period of 1 s, in nanoseconds

describe("rate limiter (Resilience4j AtomicRateLimiter)", () => {
  it("rate limiter: the defaults are 50 permits per 500 ns and a 5 s timeout", () => {
    expect(RATE_LIMITER_DEFAULTS).toEqual({ limitForPeriod: 50, limitRefreshPeriodNs: 500, timeoutDurationUs: 5 * SECOND });
  });

  it("rate limiter: with the defaults 50 calls in one instant pass and the 51st waits for the next 500 ns cycle", () => {
    const r = new AtomicRateLimiter();
    for (let i = 0; i < 50; i++) expect(r.tryAcquire(7)).toEqual({ kind: "permitted" });
    // At 7 us = 7000 ns the cycle is 14, which ends at 7500 ns: the wait rounds up to 1 us.
    expect(r.tryAcquire(7)).toEqual({ kind: "wait", until: 8, waitUs: 1 });
    expect(r.availablePermits(7)).toBe(-1);
    // One microsecond later two cycles have passed: cycle 15 repaid the reservation and cycle 16
    // starts full again, since refills are capped at one period's worth.
    expect(r.availablePermits(8)).toBe(50);
  });

  it("rate limiter: over-limit calls reserve permits of later cycles, up to the 5 s timeout", () => {
    const r = new AtomicRateLimiter({ limitForPeriod: 10, limitRefreshPeriodNs: PER_SECOND });
    const answers = Array.from({ length: 61 }, () => r.tryAcquire(0));
    expect(answers.slice(0, 10).every((a) => a.kind === "permitted")).toBe(true);
    expect(answers[10]).toEqual({ kind: "wait", until: 1 * SECOND, waitUs: 1 * SECOND });
    expect(answers[19]).toEqual({ kind: "wait", until: 1 * SECOND, waitUs: 1 * SECOND });
    expect(answers[20]).toEqual({ kind: "wait", until: 2 * SECOND, waitUs: 2 * SECOND });
    // A wait of exactly the timeout is allowed; one more cycle is not.
    expect(answers[59]).toEqual({ kind: "wait", until: 5 * SECOND, waitUs: 5 * SECOND });
    expect(answers[60]).toEqual({ kind: "rejected" });
    expect(r.availablePermits(0)).toBe(-50);
  });

  it("rate limiter: a rejected call reserves nothing", () => {
    const r = new AtomicRateLimiter({ limitForPeriod: 2, limitRefreshPeriodNs: PER_SECOND, timeoutDurationUs: 0 });
    expect(r.tryAcquire(0).kind).toBe("permitted");
    expect(r.tryAcquire(0).kind).toBe("permitted");
    expect(r.tryAcquire(0).kind).toBe("rejected");
    expect(r.tryAcquire(0).kind).toBe("rejected");
    expect(r.availablePermits(0)).toBe(0);
    expect(r.tryAcquire(1 * SECOND).kind).toBe("permitted");
  });

  it("rate limiter: unused permits do not pile up beyond one period's worth", () => {
    const r = new AtomicRateLimiter({ limitForPeriod: 3, limitRefreshPeriodNs: PER_SECOND, timeoutDurationUs: 0 });
    expect(r.availablePermits(60 * SECOND)).toBe(3);
    const kinds = Array.from({ length: 4 }, () => r.tryAcquire(60 * SECOND).kind);
    expect(kinds).toEqual(["permitted", "permitted", "permitted", "rejected"]);
  });

  it("rate limiter: cycles count from the limiter's creation", () => {
    const r = new AtomicRateLimiter({ limitForPeriod: 1, limitRefreshPeriodNs: PER_SECOND }, 300_000);
    expect(r.tryAcquire(1 * SECOND).kind).toBe("permitted");
    expect(r.tryAcquire(1 * SECOND)).toEqual({ kind: "wait", until: 1 * SECOND + 300_000, waitUs: 300_000 });
  });

  it("rate limiter: asking for several permits at once waits for enough cycles", () => {
    const r = new AtomicRateLimiter({ limitForPeriod: 4, limitRefreshPeriodNs: PER_SECOND });
    expect(r.tryAcquire(0, 3).kind).toBe("permitted");
    expect(r.tryAcquire(0, 6)).toEqual({ kind: "wait", until: 2 * SECOND, waitUs: 2 * SECOND });
  });

  it("rate limiter: bad options name the rule", () => {
    expect(() => new AtomicRateLimiter({ limitForPeriod: 0 })).toThrow("rate limiter: limitForPeriod must be a whole number >= 1, got 0");
    expect(() => new AtomicRateLimiter({ limitRefreshPeriodNs: 0.5 })).toThrow("limitRefreshPeriodNs must be a whole number of nanoseconds >= 1, got 0.5");
  });
});
