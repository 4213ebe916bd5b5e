import { describe, expect, it } from "vitest";
import { MS, SECOND } from "../../core/time";
import { simulate } from "../../index";
import type { Scenario } from "../../scenario";
import { batchMeans, erlangC, mm1ResponseUs, mmcResponseUs } from "../../testing/kits/queueing-test-kit";

/**
 * Poisson arrivals into one backend with exponential service and `c` slots, the client on the
 * same node (no network time), so the client's latency is exactly wait + service.
 */
function mmc(lambda: number, meanServiceUs: number, c: number, duration: number, seed: number): Scenario {
  return {
    name: "mmc", seed, duration,
    nodes: [{ name: "s" }],
    processes: [
      { node: "s", name: "api", kind: "backend", config: { register: false, latency: { dist: "exponential", mean: meanServiceUs }, concurrency: c, publishIntervalUs: 3600 * SECOND } },
      { node: "s", name: "client", kind: "client", config: { service: "api", arrival: { pattern: "poisson", ratePerSecond: lambda }, proxy: { recordHistory: false, timeoutUs: 3600 * SECOND, instances: { api: ["s/api"] } } } },
    ],
  };
}

describe("queueing theory (validation against formulas nobody here wrote)", () => {
  it("queueing: Erlang C matches known values", () => {
    expect(erlangC(1, 0.5)).toBeCloseTo(0.5, 12); // M/M/1: P(wait) = rho
    expect(erlangC(4, 3)).toBeCloseTo(13.5 / 26.5, 12);
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12);
  });

  // Tolerance: three standard errors of the batch means (99.7 % for a normal estimate), with
  // batches of 10 s, about 85 times the M/M/1 relaxation time 1/(mu (1 - sqrt(rho))^2) = 117 ms,
  // so the batches are close to independent. The standard error itself must be small (under 3 %
  // of W), or the test would pass for any mean.
  it("queueing: M/M/1 at rho = 0.5: mean response time is 1/(mu - lambda) = 20 ms", async () => {
    const lambda = 50, mu = 100;
    const { result } = await simulate(mmc(lambda, 10 * MS, 1, 820 * SECOND, 11), { recording: "off", metricsInterval: 10 * SECOND });
    const est = batchMeans(result.metrics, "latency", 20 * SECOND);
    const w = mm1ResponseUs(lambda, mu);
    expect(est.samples).toBeGreaterThan(38_000);
    expect(est.se / w).toBeLessThan(0.03);
    expect(Math.abs(est.mean - w)).toBeLessThan(3 * est.se);
    console.log(`M/M/1 rho 0.5: W measured ${(est.mean / 1000).toFixed(3)} ms +- ${(est.se / 1000).toFixed(3)} (${est.batches} batches, ${est.samples} calls); theory ${(w / 1000).toFixed(3)} ms`);
  }, 300_000);

  it("queueing: M/M/4 at rho = 0.75 (Erlang C): mean response time is C/(c mu - lambda) + 1/mu = 15.09 ms", async () => {
    const lambda = 300, mu = 100, c = 4;
    const { result } = await simulate(mmc(lambda, 10 * MS, c, 620 * SECOND, 12), { recording: "off", metricsInterval: 10 * SECOND });
    const est = batchMeans(result.metrics, "latency", 20 * SECOND);
    const w = mmcResponseUs(lambda, mu, c);
    expect(w / 1000).toBeCloseTo(15.094, 3);
    expect(est.samples).toBeGreaterThan(170_000);
    expect(est.se / w).toBeLessThan(0.03);
    expect(Math.abs(est.mean - w)).toBeLessThan(3 * est.se);
    console.log(`M/M/4 rho 0.75: W measured ${(est.mean / 1000).toFixed(3)} ms +- ${(est.se / 1000).toFixed(3)} (${est.batches} batches, ${est.samples} calls); theory ${(w / 1000).toFixed(3)} ms`);
  }, 300_000);
});
