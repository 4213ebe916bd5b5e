import { describe, expect, it } from "vitest";
import { MS, SECOND } from "../../core/time";
import { simulate } from "../../index";
import type { Scenario } from "../../scenario";
import { batchMeans, supermarketT } from "../../testing/kits/queueing-test-kit";

const MEAN = 10 * MS;

/**
 * Mitzenmacher's supermarket model run as real processes: `n` single-slot FIFO backends with
 * exponential service, one client with Poisson arrivals at lambda x n per mean service time,
 * balancing with Envoy's least request (power of d choices: d random draws with replacement,
 * fewest active requests wins) over a static list. Everything is on one node, so the client's
 * count of active requests per instance is exactly that queue's length, as the model assumes.
 */
function supermarket(n: number, lambda: number, d: number, duration: number, seed: number): Scenario {
  const names = Array.from({ length: n }, (_, i) => `q${i}`);
  return {
    name: "supermarket", seed, duration,
    nodes: [{ name: "s" }],
    processes: [
      ...names.map((name) => ({ node: "s", name, kind: "backend", config: { register: false, latency: { dist: "exponential", mean: MEAN }, concurrency: 1, publishIntervalUs: 3600 * SECOND } })),
      {
        node: "s", name: "client", kind: "client",
        config: {
          service: "api", arrival: { pattern: "poisson", ratePerSecond: (lambda * n * SECOND) / MEAN },
          proxy: {
            recordHistory: false, timeoutUs: 3600 * SECOND, instances: { api: names.map((q) => `s/${q}`) },
            strategy: d === 1 ? "random" : "power-of-two-choices", strategyOptions: d === 1 ? {} : { choiceCount: d },
          },
        },
      },
    ],
  };
}

/**
 * The tolerance, justified. Statistical: three standard errors from batch means over 0.5 s
 * batches (50 mean service times; the supermarket system relaxes in a few service times at these
 * loads, so batches are close to independent). Finite n: T_d(lambda) is the n -> infinity limit;
 * for finite n the mean-field error is O(1/n) (Kurtz's theorem, which Mitzenmacher's proof
 * uses), and his simulations at n = 100 sit within a few percent of the limit, above it. We
 * allow 2 % of T for it at n = 100. Together they stay far below the gap between neighbouring
 * d (at lambda = 0.8: T_1 = 5, T_2 = 1.95, T_3 = 1.58), so the test tells the policies apart.
 */
const tolerance = (t: number, se: number) => 3 * se + 0.02 * t;

describe("supermarket model (Mitzenmacher 2001) through the proxy and balancer", () => {
  it("supermarket: the limit formula gives the published values", () => {
    expect(supermarketT(0.9, 1)).toBeCloseTo(10, 12);
    expect(supermarketT(0.9, 2)).toBeCloseTo(1 + 0.81 + 0.9 ** 6 + 0.9 ** 14 + 0.9 ** 30 + 0.9 ** 62 + 0.9 ** 126, 9);
    expect(supermarketT(0.8, 3)).toBeCloseTo(1 + 0.8 ** 3 + 0.8 ** 12 + 0.8 ** 39, 9);
  });

  for (const [lambda, d, seconds] of [[0.8, 2, 10], [0.8, 3, 10], [0.5, 1, 10]] as const) {
    it(`supermarket: n = 100, lambda = ${lambda}, d = ${d}: mean time in system matches T_${d}(${lambda}) = ${supermarketT(lambda, d).toFixed(3)}`, async () => {
      const { result } = await simulate(supermarket(100, lambda, d, seconds * SECOND, 1), { recording: "off", metricsInterval: 500 * MS });
      const est = batchMeans(result.metrics, "latency", SECOND);
      const measured = est.mean / MEAN;
      const se = est.se / MEAN;
      const t = supermarketT(lambda, d);
      expect(est.samples).toBeGreaterThan(0.9 * lambda * 100 * (seconds - 1.5) * 100);
      expect(se / t).toBeLessThan(0.03);
      expect(Math.abs(measured - t)).toBeLessThan(tolerance(t, se));
      console.log(`supermarket n=100 lambda=${lambda} d=${d}: T measured ${measured.toFixed(4)} +- ${se.toFixed(4)} (${est.batches} batches, ${est.samples} calls); limit ${t.toFixed(4)} (${(((measured - t) / t) * 100).toFixed(2)} %)`);
    }, 300_000);
  }
});
