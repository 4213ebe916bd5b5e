import { describe, expect, it } from "vitest";
import { erfc, lnGamma, meanInterval, normalQuantile, regularizedBeta, studentTCdf, studentTQuantile, wilsonInterval } from "./index";

describe("statistics", () => {
  it("normal quantile: the familiar z values, and symmetry", () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(normalQuantile(0.995)).toBeCloseTo(2.5758293035489, 12);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 14);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 11);
    expect(normalQuantile(0.2)).toBeCloseTo(-normalQuantile(0.8), 14);
    expect(() => normalQuantile(1.5)).toThrow(RangeError);
  });

  it("erfc and lnGamma: tabulated values", () => {
    expect(erfc(0)).toBe(1);
    expect(erfc(0.5)).toBeCloseTo(0.4795001221869535, 14);
    expect(erfc(3)).toBeCloseTo(2.209049699858544e-5, 18);
    expect(erfc(-1)).toBeCloseTo(1.842700792949715, 14);
    expect(lnGamma(1)).toBeCloseTo(0, 13);
    expect(lnGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 13);
    expect(lnGamma(10)).toBeCloseTo(Math.log(362880), 12);
  });

  it("regularized beta: closed forms I_x(1, 1) = x and I_x(a, 1) = x^a, and the symmetry", () => {
    expect(regularizedBeta(0.3, 1, 1)).toBeCloseTo(0.3, 14);
    expect(regularizedBeta(0.7, 3, 1)).toBeCloseTo(0.343, 13);
    expect(regularizedBeta(0.4, 2.5, 4)).toBeCloseTo(1 - regularizedBeta(0.6, 4, 2.5), 13);
  });

  it("student t: the quantiles of a t table, tending to the normal one", () => {
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.7062047, 5);
    expect(studentTQuantile(0.975, 2)).toBeCloseTo(4.30265273, 6);
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.22813885, 7);
    expect(studentTQuantile(0.975, 30)).toBeCloseTo(2.04227246, 7);
    expect(studentTQuantile(0.995, 5)).toBeCloseTo(4.03214298, 6);
    expect(studentTQuantile(0.975, 1e6)).toBeCloseTo(1.95996, 4);
    expect(studentTQuantile(0.025, 10)).toBeCloseTo(-2.22813885, 7);
    expect(studentTCdf(0, 7)).toBeCloseTo(0.5, 14);
    // With one degree of freedom t is Cauchy: P(T <= 1) = 3/4.
    expect(studentTCdf(1, 1)).toBeCloseTo(0.75, 13);
  });

  it("wilson interval: reference values, never outside [0, 1], and narrowing with n", () => {
    const a = wilsonInterval(50, 50);
    expect(a.estimate).toBe(1);
    expect(a.high).toBe(1);
    expect(a.low).toBeCloseTo(0.92865, 4);
    const b = wilsonInterval(3, 3);
    expect(b.low).toBeCloseTo(0.43850, 4);
    // 81 of 263, worked by hand: centre 0.310749, half-width 0.055461.
    const c = wilsonInterval(81, 263);
    expect(c.low).toBeCloseTo(0.255288, 5);
    expect(c.high).toBeCloseTo(0.366210, 5);
    const z = wilsonInterval(0, 20);
    expect(z.low).toBe(0);
    expect(z.high).toBeCloseTo(0.16113, 4);
    expect(wilsonInterval(90, 100).high - wilsonInterval(90, 100).low).toBeLessThan(wilsonInterval(9, 10).high - wilsonInterval(9, 10).low);
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
  });

  it("mean interval: mean ± t s/√n, unbounded for one value, a point for equal values", () => {
    const m = meanInterval([1, 2, 3, 4, 5]);
    expect(m.estimate).toBe(3);
    expect(m.sd).toBeCloseTo(Math.sqrt(2.5), 14);
    const half = studentTQuantile(0.975, 4) * Math.sqrt(2.5) / Math.sqrt(5);
    expect(m.low).toBeCloseTo(3 - half, 12);
    expect(m.high).toBeCloseTo(3 + half, 12);
    expect(half).toBeCloseTo(1.96324, 4);
    expect(meanInterval([7])).toMatchObject({ estimate: 7, low: -Infinity, high: Infinity });
    expect(meanInterval([2, 2, 2])).toMatchObject({ estimate: 2, low: 2, high: 2 });
    expect(() => meanInterval([])).toThrow(RangeError);
  });
});
