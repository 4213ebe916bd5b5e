import { describe, expect, it } from "vitest";
import { MS, SECOND } from "../../../core/time";
import { createStream } from "../../../core/streams";
import { fixedRng } from "./fixed-rng";
import { INTERVAL_DEFAULTS, exponentialBackoff, exponentialRandomBackoff, fixedInterval, randomizedInterval } from "./interval-function";

describe("interval functions (Resilience4j IntervalFunction)", () => {
  it("interval: the documented defaults are 500 ms, x1.5 and a randomization factor of 0.5", () => {
    expect(INTERVAL_DEFAULTS).toEqual({ initialIntervalUs: 500 * MS, multiplier: 1.5, randomizationFactor: 0.5 });
  });

  it("interval: the fixed default waits 500 ms after every attempt", () => {
    const f = fixedInterval();
    expect([1, 2, 3, 10].map(f)).toEqual([500 * MS, 500 * MS, 500 * MS, 500 * MS]);
  });

  it("interval: exponential backoff multiplies by 1.5 from 500 ms, truncating each step", () => {
    const f = exponentialBackoff();
    expect([1, 2, 3, 4, 5].map(f)).toEqual([500_000, 750_000, 1_125_000, 1_687_500, 2_531_250]);
  });

  it("interval: exponential backoff stops at its cap", () => {
    const f = exponentialBackoff({ initialIntervalUs: 100 * MS, multiplier: 2, maxIntervalUs: 1 * SECOND });
    expect([1, 2, 3, 4, 5, 6, 50].map(f)).toEqual([100 * MS, 200 * MS, 400 * MS, 800 * MS, 1 * SECOND, 1 * SECOND, 1 * SECOND]);
  });

  it("interval: randomization draws from [i - 0.5i, i + 0.5i): 250 ms to just under 750 ms", () => {
    expect(randomizedInterval(fixedRng([0]))(1)).toBe(250 * MS);
    expect(randomizedInterval(fixedRng([0.5]))(1)).toBe(500 * MS);
    expect(randomizedInterval(fixedRng([0.999999]))(1)).toBe(749_999);
  });

  it("interval: exponential random backoff randomizes the exponential term, then caps it", () => {
    const low = exponentialRandomBackoff(fixedRng([0]));
    expect([1, 2, 3].map(low)).toEqual([250_000, 375_000, 562_500]);
    const capped = exponentialRandomBackoff(fixedRng([0.99]), { maxIntervalUs: 1 * SECOND });
    // Attempt 3: 1125 ms randomized to 1676.25 ms, then capped to 1 s.
    expect(capped(3)).toBe(1 * SECOND);
  });

  it("interval: random draws come from the stream given, so the same seed gives the same waits", () => {
    const a = exponentialRandomBackoff(createStream(42, "retry"));
    const b = exponentialRandomBackoff(createStream(42, "retry"));
    const xs = [1, 2, 3, 4].map(a);
    expect([1, 2, 3, 4].map(b)).toEqual(xs);
    xs.forEach((x, i) => {
      const term = [500_000, 750_000, 1_125_000, 1_687_500][i];
      expect(x).toBeGreaterThanOrEqual(term / 2);
      expect(x).toBeLessThan(term * 1.5);
    });
  });

  it("interval: bad options and attempts get a message that says what is allowed", () => {
    expect(() => exponentialBackoff({ multiplier: 0.5 })).toThrow("interval function: multiplier must be a number >= 1, got 0.5");
    expect(() => randomizedInterval(fixedRng([0]), { randomizationFactor: 2 })).toThrow("randomizationFactor must be a number in [0, 1], got 2");
    expect(() => fixedInterval(0)).toThrow("intervalUs must be a whole number of microseconds >= 1, got 0");
    expect(() => fixedInterval()(0)).toThrow("the attempt number must be a whole number >= 1, got 0");
  });
});
