import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { MS } from "../../../core/time";
import { fixedRng } from "./fixed-rng";
import { ENVOY_BACKOFF_DEFAULTS, envoyBackoff, envoyInterval } from "./envoy-backoff";

describe("envoy back-off (fully jittered exponential)", () => {
  it("envoy: the default base is 25 ms and the maximum 10 x base", () => {
    expect(ENVOY_BACKOFF_DEFAULTS).toEqual({ baseIntervalUs: 25 * MS, maxIntervalFactor: 10 });
  });

  it("envoy: the interval doubles from 25 ms and stops at 250 ms", () => {
    const base = ENVOY_BACKOFF_DEFAULTS.baseIntervalUs;
    expect([1, 2, 3, 4, 5, 6, 40].map((n) => envoyInterval(base, 10 * base, n))).toEqual([25, 50, 100, 200, 250, 250, 250].map((x) => x * MS));
  });

  it("envoy: each wait is drawn from [0, interval): full jitter", () => {
    expect(envoyBackoff(fixedRng([0]))(3)).toBe(0);
    expect(envoyBackoff(fixedRng([0.5]))(3)).toBe(50 * MS);
    expect(envoyBackoff(fixedRng([0.9999999]))(5)).toBe(250 * MS - 1);
  });

  it("envoy: every draw lies in [0, min(base x 2^(n-1), max))", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.integer({ min: 1, max: 60 }), (u, n) => {
        const wait = envoyBackoff(fixedRng([u]))(n);
        expect(wait).toBeGreaterThanOrEqual(0);
        expect(wait).toBeLessThan(Math.min(25 * MS * 2 ** (n - 1), 250 * MS));
        expect(Number.isInteger(wait)).toBe(true);
      }),
    );
  });

  it("envoy: a maximum below the base is refused", () => {
    expect(() => envoyBackoff(fixedRng([0]), { baseIntervalUs: 100 * MS, maxIntervalUs: 50 * MS })).toThrow(
      "envoy back-off: maxIntervalUs must be >= baseIntervalUs (100000), got 50000",
    );
  });
});
