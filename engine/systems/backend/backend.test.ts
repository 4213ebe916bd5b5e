import { describe, expect, it } from "vitest";
import { MS, SECOND } from "../../core/time";
import { createStream } from "../../core/streams";
import { simulate } from "../../index";
import { entries, serviceScenario } from "../../testing/kits/service-test-kit";
import { resolveBackendOptions } from "./backend-options";
import { OutcomeSource } from "./outcome-source";
import { Admission } from "./admission";

describe("backend options", () => {
  it("backend: an unknown option fails with a suggestion and the valid names", () => {
    expect(() => resolveBackendOptions({ latncy: "5ms" }, "api", "backend n1/api")).toThrow(/unknown option "latncy" \(did you mean "latency"\?\)/);
  });
  it("backend: units are read as written, or as engine numbers", () => {
    const o = resolveBackendOptions({ latency: "exponential(10ms)", errorRatio: "5%", queueTimeoutUs: "1m30s", stopAtUs: 2_000_000 }, "api", "w");
    expect(o.latency).toEqual({ dist: "exponential", mean: 10_000 });
    expect(o.errorRatio).toBe(0.05);
    expect(o.queueTimeoutUs).toBe(90 * SECOND);
    expect(o.stopAtUs).toBe(2 * SECOND);
    expect(() => resolveBackendOptions({ errorRatio: 5 }, "api", "backend n1/api")).toThrow(/errorRatio must be a ratio from 0 to 1/);
  });
});

describe("backend outcomes", () => {
  it("backend: the script comes first, exactly, then the phase in force decides", () => {
    const o = resolveBackendOptions({
      latency: "2ms", script: [{ outcome: "error", latency: "1ms" }, { outcome: "hang" }],
      phases: [{ at: "10s", errorRatio: 1, errorLatency: "7ms" }, { at: "20s" }],
    }, "api", "w");
    const src = new OutcomeSource(o, createStream(1, "t"));
    expect(src.draw(0)).toEqual({ outcome: "error", latencyUs: MS });
    expect(src.draw(0)).toEqual({ outcome: "hang", latencyUs: 0 });
    expect(src.draw(5 * SECOND)).toEqual({ outcome: "ok", latencyUs: 2 * MS });
    expect(src.draw(10 * SECOND)).toEqual({ outcome: "error", latencyUs: 7 * MS });
    expect(src.draw(25 * SECOND)).toEqual({ outcome: "ok", latencyUs: 2 * MS });
  });
});

describe("backend admission", () => {
  it("backend: slots go to waiters in arrival order; a full queue refuses; a stale waiter is refused when its turn comes", async () => {
    const a = new Admission(1, 2, 100);
    expect(a.acquire(0)).toBeNull();
    const w1 = a.acquire(1) as Promise<string | null>;
    const w2 = a.acquire(2) as Promise<string | null>;
    expect(a.acquire(3)).toBe("queue-full");
    a.release(50); // to w1, which waited 49
    expect(await w1).toBeNull();
    a.release(200); // w2 waited 198 > 100
    expect(await w2).toBe("queue-timeout");
    expect(a.inService).toBe(0);
  });

  it("backend: overload is real: a queue of 2 behind 1 slot refuses the rest with 503 overloaded", async () => {
    const { result } = await simulate(serviceScenario({
      registry: null,
      backends: [{ node: "b1", config: { latency: "100ms", concurrency: 1, queueLimit: 2 } }],
      client: { arrival: { pattern: "bursts", size: 10, every: SECOND }, requests: 10, proxy: { instances: { api: ["b1/api"] } } },
      duration: 2 * SECOND,
    }), { recording: "off" });
    expect(result.metrics.counters["calls.ok"]).toBe(3);
    expect(result.metrics.counters["calls.failure.overloaded"]).toBe(7);
    expect(result.metrics.counters["backend.refused"]).toBe(7);
  });

  it("backend: a graceful stop deregisters, and later requests are refused as unavailable", async () => {
    const { history, result } = await simulate(serviceScenario({
      registry: "nacos-ephemeral",
      backends: [{ node: "b1", config: { latency: "1ms", stopAtUs: "2s" } }],
      client: { arrival: { pattern: "constant", ratePerSecond: 10 }, proxy: { registry: { profile: "nacos-ephemeral", watch: false, fetchIntervalUs: "10s" } } },
      duration: 5 * SECOND,
    }), { recording: "off" });
    expect(entries(history, "backend-stop").map((e) => e.t)).toEqual([2 * SECOND]);
    const removal = history.find((e) => e.event === "registry-view" && e.address === "r1/registry" && (e.fields.removed as string[]).length > 0)!;
    expect(removal.fields.cause).toBe("cancel");
    // The client does not watch and fetches every 10 s, so it keeps calling the stopped instance.
    expect(result.metrics.counters["calls.failure.unavailable"]).toBeGreaterThan(25);
  });
});

describe("sidecar proxy", () => {
  it("proxy process: an application calls the sidecar, which resolves, balances and answers; failures come back with the reason", async () => {
    const s = serviceScenario({
      registry: "eureka",
      backends: [{ node: "b1", config: { latency: "2ms" } }],
      client: { arrival: { pattern: "constant", ratePerSecond: 1 }, requests: 1 },
      duration: 3 * SECOND,
    });
    s.nodes.push({ name: "app" });
    s.processes.push({ node: "app", name: "sidecar", kind: "proxy", config: { registry: { profile: "eureka" } } });
    let answer: unknown = null;
    let refused: unknown = null;
    s.processes.push({
      node: "app", name: "main",
      factory: (rt) => ({
        async start() {
          await rt.sleep(SECOND);
          answer = await rt.call("app/sidecar", "proxy.call", { service: "api", body: { q: 1 } });
          refused = await rt.call("app/sidecar", "proxy.call", { service: "nothing" }).catch((e) => (e as { detail?: unknown }).detail);
        },
      }),
    });
    await simulate(s, { recording: "off" });
    expect(answer).toEqual({ from: "b1/api", echo: { q: 1 } });
    expect(refused).toMatchObject({ status: 503, failure: "service-unavailable" });
  });
});
