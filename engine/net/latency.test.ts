import { describe, expect, it } from "vitest";
import { latencyMean, latencySampler } from "./latency";
import { createStream } from "../core/streams";
import type { LatencySpec } from "./latency-spec";

const specs: LatencySpec[] = [
  { dist: "constant", value: 500 },
  { dist: "uniform", min: 100, max: 900 },
  { dist: "normal", mean: 5000, sd: 500 },
  { dist: "lognormal", median: 2000, sigma: 0.5 },
  { dist: "exponential", mean: 3000 },
  { dist: "pareto", scale: 1000, shape: 3 },
  { dist: "table", points: [[0, 100], [50, 1000], [99, 5000], [100, 20000]] },
];

describe("latency distributions", () => {
  for (const spec of specs) {
    it(`latency: ${spec.dist} samples are whole, non-negative, with the documented mean (within 3%)`, () => {
      const sample = latencySampler(spec);
      const rng = createStream(1, `lat/${spec.dist}`);
      let sum = 0;
      const n = 100_000;
      for (let i = 0; i < n; i++) {
        const v = sample(rng);
        expect(Number.isInteger(v) && v >= 0).toBe(true);
        sum += v;
      }
      const mean = latencyMean(spec);
      expect(Math.abs(sum / n - mean) / mean).toBeLessThan(0.03);
    });
  }

  it("latency: bad parameters are refused with what would be right", () => {
    expect(() => latencySampler({ dist: "uniform", min: 10, max: 1 })).toThrow(/max \(1\) must be at least min \(10\)/);
    expect(() => latencySampler({ dist: "table", points: [[10, 1], [100, 2]] })).toThrow(/start at percentile 0/);
  });
});
