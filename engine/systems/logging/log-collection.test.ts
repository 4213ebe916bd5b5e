import { describe, expect, it } from "vitest";
import { MS, SECOND } from "../../core/time";
import { simulate } from "../../index";
import type { FaultSpec } from "../../scenario";
import type { Simulation } from "../../run-options";
import { loggingScenario, testCatalog, testCheckers } from "../../testing/kits/logging-test-kit";

const S = SECOND;
const counters = (sim: Simulation) => sim.result.metrics.counters;
const check = (sim: Simulation) => sim.result.checks.find((c) => c.name === "logs-delivered")!;
const isolateCollector = (at: number, duration: number) => ({ action: "isolate", node: "logs", at, duration }) as FaultSpec;
/** Retries soon enough to see the heal within a short run. */
const quick = { chunkLimitLines: 20, ackResponseTimeoutUs: "5s", retryMaxIntervalUs: "8s", stopAt: "90s" };

describe("log collection: agents, buffers and the collector", () => {
  it("logs: with no faults every line is stored once, within a flush interval", async () => {
    const sim = await simulate(loggingScenario({ duration: 20 * S, agents: { app1: { stopAt: "15s" }, app2: { stopAt: "15s" } }, checks: [{ name: "logs-delivered", params: { within: "2s" } }] }),
      { catalog: testCatalog, checkers: testCheckers, recording: "off" });
    expect(counters(sim)["logs.produced"]).toBe(2 * 149);
    expect(counters(sim)["logs.stored"]).toBe(2 * 149);
    expect(check(sim).status).toBe("held");
    expect(check(sim).findings[0].message).toBe("app1/agent: 149 lines written, 149 stored, 0 dropped, 0 too recent to judge; slowest delivery 1.001s");
  });

  it("logs: during a 60 s partition a 200-line buffer that drops its oldest chunk loses 430 lines; a 2000-line buffer and a blocking one lose none", async () => {
    const sim = await simulate(loggingScenario({
      duration: 120 * S,
      agents: {
        small: { ...quick, totalLimitLines: 200, overflowAction: "drop_oldest_chunk" },
        big: { ...quick, totalLimitLines: 2000, overflowAction: "drop_oldest_chunk" },
        blocky: { ...quick, totalLimitLines: 200, overflowAction: "block" },
      },
      faults: [isolateCollector(10 * S, 60 * S)],
      checks: [{ name: "logs-delivered" }],
    }), { catalog: testCatalog, checkers: testCheckers, recording: "off" });
    const c = counters(sim);
    // 600 lines are written during the partition; the small buffer keeps 200 of them, minus
    // the chunk that was in flight when the collector vanished.
    expect([c["logs.agent.small.dropped"], c["logs.agent.big.dropped"] ?? 0, c["logs.agent.blocky.dropped"] ?? 0]).toEqual([430, 0, 0]);
    expect([c["logs.agent.small.acked"], c["logs.agent.big.acked"], c["logs.agent.blocky.acked"]]).toEqual([469, 899, 899]);
    expect(check(sim).status).toBe("held");
    expect(check(sim).findings.map((f) => f.message)).toEqual([
      "big/agent: 899 lines written, 899 stored, 0 dropped, 0 too recent to judge; slowest delivery 62.001s",
      "blocky/agent: 899 lines written, 899 stored, 0 dropped, 0 too recent to judge; slowest delivery 62.001s",
      "small/agent: 899 lines written, 469 stored, 430 dropped (430 by drop_oldest_chunk), 0 too recent to judge; slowest delivery 20.001s",
      "collectors received 0 duplicate line(s) and stored 0 line(s) more than once",
    ]);
    // Reported, and a failure once a limit on drops is set.
    const strict = await simulate(loggingScenario({ duration: 120 * S, agents: { small: { ...quick, totalLimitLines: 200, overflowAction: "drop_oldest_chunk" } }, faults: [isolateCollector(10 * S, 60 * S)], checks: [{ name: "logs-delivered", params: { maxDropped: 0 } }] }),
      { catalog: testCatalog, checkers: testCheckers, recording: "off" });
    expect(check(strict).violations.map((v) => v.message)).toEqual(["430 line(s) were dropped by buffer policies, more than the 0 allowed"]);
  });

  it("logs: lost acks make the agent send chunks again; the collector counts the duplicates and stores each line once", async () => {
    const sim = await simulate(loggingScenario({
      duration: 80 * S,
      agents: { app1: { chunkLimitLines: 20, ackResponseTimeoutUs: "500ms", retryMaxIntervalUs: "1s", stopAt: "40s" } },
      network: { latency: { dist: "constant", value: MS }, links: [{ from: "logs", to: "app1", lossRatio: 0.2, bidirectional: false }] },
      checks: [{ name: "logs-delivered", params: { within: "30s" } }],
    }), { catalog: testCatalog, checkers: testCheckers, recording: "off" });
    const c = counters(sim);
    // A fifth of the acks are lost: every chunk sent again was stored already (the requests all
    // arrive), so each of the 11 retries brings one chunk of 10 lines (closed every second) again.
    expect([c["logs.retries"], c["logs.duplicates"]]).toEqual([11, 110]);
    expect(c["logs.stored"]).toBe(399);
    expect(check(sim).status).toBe("held");
    expect(check(sim).findings.at(-1)!.message).toBe(`collectors received ${c["logs.duplicates"]} duplicate line(s) and stored 0 line(s) more than once`);
    // Without dedup the same run stores those lines twice.
    const raw = await simulate(loggingScenario({
      duration: 80 * S, collector: { dedup: false },
      agents: { app1: { chunkLimitLines: 20, ackResponseTimeoutUs: "500ms", retryMaxIntervalUs: "1s", stopAt: "40s" } },
      network: { latency: { dist: "constant", value: MS }, links: [{ from: "logs", to: "app1", lossRatio: 0.2, bidirectional: false }] },
      checks: [{ name: "logs-delivered", params: { within: "15s" } }],
    }), { catalog: testCatalog, checkers: testCheckers, recording: "off" });
    expect(counters(raw)["logs.stored"]).toBe(399 + counters(raw)["logs.duplicates"]);
  });

  it("logs: Fluentd's default, fire and forget, loses every chunk sent into the partition, and logs-delivered names them", async () => {
    const sim = await simulate(loggingScenario({
      duration: 60 * S,
      agents: { app1: { requireAckResponse: false, chunkLimitLines: 10, stopAt: "40s" } },
      faults: [isolateCollector(10 * S, 10 * S)],
      checks: [{ name: "logs-delivered", params: { within: "15s" } }],
    }), { catalog: testCatalog, checkers: testCheckers, recording: "off" });
    expect(counters(sim)["logs.acked"]).toBe(399);
    expect(counters(sim)["logs.stored"]).toBe(299);
    expect(check(sim).status).toBe("violated");
    expect(check(sim).findings[0].message).toBe("app1/agent: 399 lines written, 299 stored, 0 dropped, 100 lost, 0 late, 0 too recent to judge; slowest delivery 901ms");
  });

  it("logs: an agent that crashes keeps its buffer (synced to disk) and never reuses a sequence number", async () => {
    const sim = await simulate(loggingScenario({
      duration: 60 * S,
      agents: { app1: { ...quick, stopAt: "40s" } },
      faults: [isolateCollector(5 * S, 20 * S), { action: "crash", node: "app1", at: 15 * S, duration: 2 * S } as FaultSpec],
      checks: [{ name: "logs-delivered" }],
    }), { catalog: testCatalog, checkers: testCheckers, recording: "off" });
    const seqs = sim.history.filter((h) => h.event === "log-line").map((h) => h.fields.seq as number);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs.filter((s) => s >= 1000).length).toBeGreaterThan(0);
    expect(check(sim).status).toBe("held");
    expect(counters(sim)["logs.stored"]).toBe(seqs.length);
  });
});
