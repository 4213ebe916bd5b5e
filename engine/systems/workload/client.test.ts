import { describe, expect, it } from "vitest";
import { MS, SECOND } from "../../core/time";
import { simulate } from "../../index";
import { entries, serviceScenario } from "../../testing/kits/service-test-kit";

describe("client workload", () => {
  it("client: closed loop keeps exactly `concurrency` calls in flight, each user thinking between calls", async () => {
    const { history } = await simulate(serviceScenario({
      registry: null,
      backends: [{ node: "b1", config: { latency: "8ms" } }],
      client: { arrival: { pattern: "closed", concurrency: 3, think: 10 * MS }, proxy: { instances: { api: ["b1/api"] } } },
      duration: SECOND,
    }), { recording: "off" });
    // Each user: 10 ms per call (1 ms each way + 8 ms) then 10 ms of thought, so a call starts
    // at 0, 20, ..., 1000 ms: 51 per user in the one-second run.
    const starts = entries(history, "call-start");
    expect(starts.length).toBe(153);
    let open = 0, most = 0;
    for (const e of history) {
      if (e.event === "call-start") most = Math.max(most, ++open);
      else if (e.event === "call-end") open--;
    }
    expect(most).toBe(3);
  });

  it("client: `requests` and `stopAt` bound the load, and every call carries the node's IP as its source", async () => {
    const { history } = await simulate(serviceScenario({
      registry: null,
      backends: [{ node: "b1", config: { latency: "1ms", recordServes: true } }],
      client: { arrival: { pattern: "constant", ratePerSecond: 100 }, stopAt: "500ms", proxy: { instances: { api: ["b1/api"] }, strategy: "ip-hash" } },
      duration: 2 * SECOND,
    }), { recording: "off" });
    expect(entries(history, "call-start").length).toBe(49); // 10 ms apart, from 10 ms, before 500 ms
    expect(entries(history, "serve").length).toBe(49);
  });

  it("client: a deadline ends each call in time although the instance hangs", async () => {
    const { result } = await simulate(serviceScenario({
      registry: null,
      backends: [{ node: "b1", config: { script: [{ outcome: "hang" }], scriptThen: "repeat" } }],
      client: { arrival: { pattern: "constant", ratePerSecond: 10 }, deadline: "300ms", proxy: { instances: { api: ["b1/api"] }, timeoutUs: "5s" } },
      duration: 3 * SECOND,
      checks: [{ name: "calls-meet-deadlines" }, { name: "every-call-ends", params: { grace: 400_000 } }],
    }), { recording: "off" });
    expect(result.checks.map((c) => [c.name, c.status])).toEqual([["calls-meet-deadlines", "held"], ["every-call-ends", "held"]]);
    expect(result.metrics.histograms["latency.error"].max).toBe(300 * MS);
  });

  it("client: the same seed gives the same trace, byte for byte", async () => {
    const s = serviceScenario({
      backends: [{ node: "b1" }, { node: "b2" }],
      client: { arrival: { pattern: "poisson", ratePerSecond: 50 }, users: 20, proxy: { strategy: "ketama", retry: { maxAttempts: 2, backoff: "exponential-random" } } },
      faults: [{ at: 3 * SECOND, action: "crash", node: "b2", duration: 2 * SECOND }],
      duration: 10 * SECOND,
    });
    const a = await simulate(s, { seed: 5 });
    const b = await simulate(s, { seed: 5 });
    const c = await simulate(s, { seed: 6 });
    expect(a.result.traceHash).toBe(b.result.traceHash);
    expect(a.result.traceHash).not.toBe(c.result.traceHash);
  });
});
