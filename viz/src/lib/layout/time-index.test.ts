import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { arrowRange, lastEventAt, lowerBound, upperBound } from "./time-index";

describe("time index", () => {
  it("time index: bounds agree with a linear scan", () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 50 })), fc.integer({ min: -5, max: 55 }), (xs, x) => {
      const sorted = Float64Array.from(xs.sort((a, b) => a - b));
      expect(lowerBound(sorted, x)).toBe(sorted.findIndex((v) => v >= x) === -1 ? sorted.length : sorted.findIndex((v) => v >= x));
      expect(upperBound(sorted, x)).toBe(sorted.findIndex((v) => v > x) === -1 ? sorted.length : sorted.findIndex((v) => v > x));
    }));
  });

  it("time index: the last event at a time includes events at exactly that time", () => {
    const t = Float64Array.from([0, 0, 5, 5, 9]);
    expect(lastEventAt(t, -1)).toBe(-1);
    expect(lastEventAt(t, 0)).toBe(1);
    expect(lastEventAt(t, 5)).toBe(3);
    expect(lastEventAt(t, 100)).toBe(4);
  });

  it("time index: the arrow range holds every arrow that crosses the window", () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 30 }))), fc.integer({ min: 0, max: 130 }), fc.integer({ min: 0, max: 40 }), (arrows, t0, w) => {
      const sorted = arrows.sort((a, b) => a[0] - b[0]);
      const sendT = Float64Array.from(sorted.map((a) => a[0]));
      const maxSpan = Math.max(0, ...sorted.map((a) => a[1]));
      const [lo, hi] = arrowRange(sendT, maxSpan, t0, t0 + w);
      sorted.forEach(([s, span], i) => {
        const crosses = s <= t0 + w && s + span >= t0;
        if (crosses) expect(i >= lo && i < hi).toBe(true);
      });
    }));
  });
});
