import { describe, expect, it } from "vitest";
import { MS, SECOND } from "../../../core/time";
import { TIME_LIMITER_DEFAULTS, TimeLimiter } from "./time-limiter";

describe("time limiter (Resilience4j TimeLimiter)", () => {
  it("time limiter: the default timeout is 1 s and the running call is cancelled", () => {
    expect(TIME_LIMITER_DEFAULTS).toEqual({ timeoutDurationUs: 1 * SECOND, cancelRunningFuture: true });
    expect(new TimeLimiter().deadline(3 * SECOND)).toBe(4 * SECOND);
  });

  it("time limiter: a reply at the deadline is a timeout; one microsecond before is not", () => {
    const t = new TimeLimiter();
    expect(t.isTimedOut(0, 1 * SECOND - 1)).toBe(false);
    expect(t.isTimedOut(0, 1 * SECOND)).toBe(true);
  });

  it("time limiter: an attempt gets the smaller of its own timeout and what is left of the call's", () => {
    const t = new TimeLimiter({ timeoutDurationUs: 300 * MS });
    expect(t.attemptTimeout(0)).toBe(300 * MS);
    expect(t.attemptTimeout(0, 1 * SECOND)).toBe(300 * MS);
    expect(t.attemptTimeout(900 * MS, 1 * SECOND)).toBe(100 * MS);
    expect(t.attemptTimeout(2 * SECOND, 1 * SECOND)).toBe(0);
  });

  it("time limiter: a timeout must be at least 1 us", () => {
    expect(() => new TimeLimiter({ timeoutDurationUs: 0 })).toThrow("time limiter: timeoutDurationUs must be a whole number of microseconds >= 1, got 0");
  });
});
