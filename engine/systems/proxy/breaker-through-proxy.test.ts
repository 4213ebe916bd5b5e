import { describe, expect, it } from "vitest";
import { MS } from "../../core/time";
import { simulate } from "../../index";
import { entries, serviceScenario } from "../../testing/kits/service-test-kit";

/** One instance whose first `errors` requests fail, then all succeed; 1 ms service, 1 ms links. */
const scenario = (errors: number, breaker: Record<string, unknown>, requests?: number) => serviceScenario({
  registry: null,
  duration: 3 * 1_000_000,
  backends: [{ node: "b1", config: { latency: "1ms", script: Array.from({ length: errors }, () => ({ outcome: "error", latency: "1ms" })) } }],
  client: { arrival: { pattern: "constant", ratePerSecond: 10 }, requests, proxy: { instances: { api: ["b1/api"] }, breaker } },
});

const small = { slidingWindowSize: 4, minimumNumberOfCalls: 4, failureRateThreshold: 50, waitDurationInOpenStateUs: "1s", permittedNumberOfCallsInHalfOpenState: 2 };

describe("breaker through the proxy (Resilience4j's transitions, observed in the history)", () => {
  it("breaker: four failures open it, calls in the 1 s wait are refused unsent, the first call after the wait probes, two good probes close it", async () => {
    const { history, result } = await simulate(scenario(4, small), { recording: "off" });
    const tr = entries(history, "breaker-transition").map((e) => [e.t, e.fields.from, e.fields.to, e.fields.reason]);
    // Calls every 100 ms from 100 ms; each takes 3 ms (1 ms each way, 1 ms service).
    expect(tr).toEqual([
      [403 * MS, "CLOSED", "OPEN", "failure-rate"],
      [1500 * MS, "OPEN", "HALF_OPEN", "wait-elapsed"], // lazy: the first request strictly after 1403 ms
      [1603 * MS, "HALF_OPEN", "CLOSED", "probes-passed"],
    ]);
    expect(result.metrics.counters["calls.failure.breaker-open"]).toBe(10); // 500 ms .. 1400 ms
    const refused = entries(history, "call-end").filter((e) => e.fields.outcome === "breaker-open");
    expect(refused.every((e) => e.fields.attempts === 0)).toBe(true);
    const probes = entries(history, "call-attempt").filter((e) => e.fields.state === "HALF_OPEN");
    expect(probes.map((e) => e.t)).toEqual([1500 * MS, 1600 * MS]);
  });

  it("breaker: one failed probe of two is a 50 % failure rate, which reopens it (>= threshold), and the next wait starts then", async () => {
    const { history } = await simulate(scenario(5, small), { recording: "off" });
    const tr = entries(history, "breaker-transition").map((e) => [e.t, e.fields.to, e.fields.reason]);
    expect(tr).toEqual([
      [403 * MS, "OPEN", "failure-rate"],
      [1500 * MS, "HALF_OPEN", "wait-elapsed"],
      [1603 * MS, "OPEN", "failure-rate"],
      [2700 * MS, "HALF_OPEN", "wait-elapsed"],
      [2803 * MS, "CLOSED", "probes-passed"],
    ]);
  });

  it("breaker: below minimumNumberOfCalls nothing trips, however many fail", async () => {
    const { history } = await simulate(scenario(3, small, 3), { recording: "off" });
    expect(entries(history, "call-end").map((e) => e.fields.outcome)).toEqual(["error", "error", "error"]);
    expect(entries(history, "breaker-transition")).toEqual([]);
  });

  it("breaker: per-instance breakers open only for the failing instance, and the balancer's retry finds the other", async () => {
    const s = serviceScenario({
      registry: null,
      duration: 3 * 1_000_000,
      backends: [{ node: "b1", config: { latency: "1ms", errorRatio: 1 } }, { node: "b2", config: { latency: "1ms" } }],
      client: { arrival: { pattern: "constant", ratePerSecond: 20 }, proxy: { instances: { api: ["b1/api", "b2/api"] }, breaker: { ...small, scope: "instance" }, retry: { maxAttempts: 2, initialIntervalUs: "1ms", retryOn: ["error", "breaker-open"] } } },
    });
    const { history } = await simulate(s, { recording: "off" });
    const opened = entries(history, "breaker-transition").filter((e) => e.fields.to === "OPEN").map((e) => e.fields.breaker);
    expect(new Set(opened)).toEqual(new Set(["api@b1/api"]));
    expect(entries(history, "call-end").every((e) => e.fields.ok)).toBe(true);
  });

  it("breaker: with the hystrix profile, 20 requests at 100 % errors open it, and after the 5 s sleep window one trial request closes it", async () => {
    const s = serviceScenario({
      registry: null,
      duration: 10 * 1_000_000,
      backends: [{ node: "b1", config: { latency: "1ms", phases: [{ at: 0, errorRatio: 1, errorLatency: "1ms" }, { at: "3s", errorRatio: 0 }] } }],
      client: { arrival: { pattern: "constant", ratePerSecond: 10 }, proxy: { instances: { api: ["b1/api"] }, breaker: { profile: "hystrix" } } },
    });
    const { history } = await simulate(s, { recording: "off" });
    const tr = entries(history, "breaker-transition").map((e) => [e.t, e.fields.to, e.fields.permits]);
    // Calls every 100 ms from 100 ms; the 20th ends at 2003 ms: volume 20 reached, 100 % >= 50 %.
    expect(tr).toEqual([
      [2003 * MS, "OPEN", 1],
      [7100 * MS, "HALF_OPEN", 1], // the first call strictly after 2003 + 5000 ms
      [7103 * MS, "CLOSED", 1],
    ]);
    expect(entries(history, "call-attempt").filter((e) => e.fields.state === "HALF_OPEN").length).toBe(1);
  });
});

