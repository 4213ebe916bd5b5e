import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Histogram } from "./histogram";

describe("histogram", () => {
  it("histogram: quantiles are within 1% of the exact order statistic", () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 50_000_000 }), { minLength: 1, maxLength: 2000 }), fc.double({ min: 0.01, max: 1, noNaN: true }), (values, q) => {
      const h = new Histogram();
      for (const v of values) h.record(v);
      const sorted = values.slice().sort((a, b) => a - b);
      const exact = sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
      expect(Math.abs(h.quantile(q) - exact)).toBeLessThanOrEqual(Math.max(1, exact * 0.01));
    }));
  });

  it("histogram: count, sum, mean, min and max are exact", () => {
    const h = new Histogram();
    [3, 1000, 250_000, 7].forEach((v) => h.record(v));
    const s = h.summary();
    expect([s.count, s.sum, s.min, s.max, s.mean]).toEqual([4, 251010, 3, 250_000, 62752.5]);
    expect(new Histogram().summary().p99).toBe(0);
  });
});

import { MetricsRegistry } from "./metrics-registry";

describe("metrics timeline", () => {
  it("metrics: a long run coarsens its timeline instead of growing it, counters stay exact", () => {
    const m = new MetricsRegistry(10, 8);
    let t = 0;
    for (let i = 1; i <= 100; i++) {
      m.count("n");
      m.observe("lat", i);
      t = Math.ceil(t / m.interval + 1e-9) * m.interval || m.interval;
      m.sample(t);
    }
    expect(m.series.length).toBeLessThan(8);
    expect(m.interval).toBeGreaterThan(10);
    expect(m.series[m.series.length - 1].counters.n).toBe(100);
    const windows = m.series.reduce((s, p) => s + (p.histograms.lat?.count ?? 0), 0);
    expect(windows).toBeLessThanOrEqual(100);
  });
});
