import { describe, expect, it } from "vitest";
import { MS, SECOND } from "../../core/time";
import { simulate } from "../../index";
import { entries, serviceScenario } from "../../testing/kits/service-test-kit";

const run = async (spec: Parameters<typeof serviceScenario>[0]) => simulate(serviceScenario(spec), { recording: "off" });
const constant = (ratePerSecond: number) => ({ pattern: "constant", ratePerSecond });

describe("service proxy", () => {
  it("proxy: happy path: round robin through the registry spreads calls evenly over three instances", async () => {
    const { result, history } = await run({
      backends: [{ node: "b1" }, { node: "b2" }, { node: "b3" }],
      client: { arrival: constant(30), proxy: { strategy: "round-robin" } },
    });
    const c = result.metrics.counters;
    expect(c["calls.error"] ?? 0).toBe(0);
    expect(c["calls.ok"]).toBeGreaterThan(800);
    const shares = ["b1", "b2", "b3"].map((b) => c[`calls.instance.${b}.api`]);
    expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1);
    const end = entries(history, "call-end")[0];
    expect(end.fields).toMatchObject({ ok: true, outcome: "ok", attempts: 1 });
  });

  it("proxy: an empty instance list fails every call with service-unavailable", async () => {
    const { result, history } = await run({ backends: [], client: { arrival: constant(10), proxy: {} }, duration: 5 * SECOND });
    const ends = entries(history, "call-end");
    expect(ends.length).toBeGreaterThan(40);
    expect(ends.every((e) => e.fields.ok === false && e.fields.outcome === "service-unavailable" && e.fields.attempts === 0)).toBe(true);
    expect(result.metrics.counters["calls.failure.service-unavailable"]).toBe(ends.length);
  });

  it("proxy: with a static fallback, an empty instance list still gets an answer, marked as the fallback's", async () => {
    const { result, history } = await run({ backends: [], client: { arrival: constant(10), proxy: { fallback: { type: "static", value: "sorry" } } }, duration: 5 * SECOND });
    const ends = entries(history, "call-end");
    expect(ends.every((e) => e.fields.ok === true && e.fields.fallback === "static" && e.fields.failure === "service-unavailable")).toBe(true);
    expect(result.metrics.counters["calls.fallback"]).toBe(ends.length);
  });

  it("proxy: retry: Resilience4j's 3 attempts with a fixed 500 ms wait turn error, error, ok into one success after ~1 s", async () => {
    const { history } = await run({
      registry: null,
      backends: [{ node: "b1", config: { script: [{ outcome: "error", latency: "1ms" }, { outcome: "error", latency: "1ms" }, { outcome: "ok", latency: "1ms" }] } }],
      client: { arrival: constant(1), requests: 1, proxy: { instances: { api: ["b1/api"] }, retry: { maxAttempts: 3 } } },
    });
    const end = entries(history, "call-end")[0];
    expect(end.fields).toMatchObject({ ok: true, attempts: 3 });
    // Three round trips of 3 ms (1 ms each way + 1 ms service) and two 500 ms waits.
    expect(end.fields.latency).toBe(2 * 500 * MS + 3 * 3 * MS);
    expect(entries(history, "call-attempt").map((e) => e.t - entries(history, "call-start")[0].t)).toEqual([0, 503 * MS, 1006 * MS]);
  });

  it("proxy: retry: a fourth failure is not retried past maxAttempts, and the call fails with the last error", async () => {
    const { history } = await run({
      registry: null,
      backends: [{ node: "b1", config: { errorRatio: 1, latency: "1ms" } }],
      client: { arrival: constant(1), requests: 1, proxy: { instances: { api: ["b1/api"] }, retry: { maxAttempts: 4, initialIntervalUs: "10ms" } } },
    });
    expect(entries(history, "call-end")[0].fields).toMatchObject({ ok: false, outcome: "error", attempts: 4 });
  });

  it("proxy: a retry goes to an instance the call has not tried yet", async () => {
    const { history } = await run({
      registry: null,
      backends: [{ node: "b1", config: { errorRatio: 1, latency: "1ms" } }, { node: "b2", config: { latency: "1ms" } }],
      client: { arrival: constant(5), requests: 20, proxy: { instances: { api: ["b1/api", "b2/api"] }, strategy: "random", retry: { maxAttempts: 2, initialIntervalUs: "1ms" } } },
    });
    const ends = entries(history, "call-end");
    expect(ends.every((e) => e.fields.ok === true && e.fields.instance === "b2/api")).toBe(true);
    const retried = ends.filter((e) => e.fields.attempts === 2).length;
    expect(retried).toBeGreaterThan(3);
  });

  it("proxy: a per-attempt timeout fails a call to an instance that never answers, and the deadline bounds the whole call", async () => {
    const { history } = await run({
      registry: null,
      backends: [{ node: "b1", config: { script: [{ outcome: "hang" }], scriptThen: "repeat" } }],
      client: { arrival: constant(2), requests: 4, deadline: "1500ms", proxy: { instances: { api: ["b1/api"] }, timeoutUs: "1s", retry: { maxAttempts: 5, initialIntervalUs: "100ms" } } },
    });
    const ends = entries(history, "call-end");
    expect(ends.length).toBe(4);
    for (const e of ends) {
      expect(e.fields.outcome).toBe("timeout");
      expect(e.fields.latency).toBeLessThanOrEqual(1500 * MS);
      expect(e.fields.attempts).toBe(2); // 1 s, 100 ms wait, then only 400 ms left
    }
  });

  it("proxy: hedging sends a second attempt after the hedging delay and the faster instance answers", async () => {
    const { history } = await run({
      registry: null,
      backends: [{ node: "b1", config: { latency: "500ms" } }, { node: "b2", config: { latency: "5ms" } }],
      client: { arrival: constant(2), requests: 10, proxy: { instances: { api: ["b1/api", "b2/api"] }, strategy: "round-robin", hedging: { maxAttempts: 2, hedgingDelayUs: "50ms" } } },
    });
    const ends = entries(history, "call-end");
    expect(ends.every((e) => e.fields.ok && e.fields.instance === "b2/api")).toBe(true);
    const viaB1 = ends.filter((e) => e.fields.attempts === 2);
    // Round robin picks b1 first and b2 for the hedge, so the next call starts on b1 again: every
    // call is hedged, and every answer comes from b2 50 ms + one round trip after the start.
    expect(viaB1.length).toBe(10);
    for (const e of viaB1) expect(e.fields.latency).toBe(50 * MS + 7 * MS);
  });

  it("proxy: the token-bucket rate limiter refuses what exceeds its rate, and the fallback answers those", async () => {
    const { result } = await run({
      registry: null,
      backends: [{ node: "b1", config: { latency: "1ms" } }],
      client: { arrival: constant(50), proxy: { instances: { api: ["b1/api"] }, rateLimiter: { type: "token-bucket", rate: "10/s", burst: 10 }, fallback: { type: "static", value: null } } },
      duration: 20 * SECOND,
    });
    const c = result.metrics.counters;
    const sent = c["calls.attempts"];
    // Over 20 s at most burst + rate x 20 = 210 pass.
    expect(sent).toBeLessThanOrEqual(210);
    expect(sent).toBeGreaterThan(190);
    expect(c["calls.failure.rate-limited"]).toBe(c["calls.total"] - sent);
    expect(c["calls.fallback"]).toBe(c["calls.failure.rate-limited"]);
  });

  it("proxy: the bulkhead refuses a call beyond its concurrent limit at once (Resilience4j maxWait 0)", async () => {
    const { result } = await run({
      registry: null,
      backends: [{ node: "b1", config: { latency: "100ms" } }],
      client: { arrival: { pattern: "bursts", size: 5, every: SECOND }, proxy: { instances: { api: ["b1/api"] }, bulkhead: { maxConcurrentCalls: 2 } } },
      duration: 10 * SECOND + 500 * MS,
    });
    const c = result.metrics.counters;
    expect(c["calls.total"]).toBe(50);
    expect(c["calls.attempts"]).toBe(20);
    expect(c["calls.failure.bulkhead-full"]).toBe(30);
  });

  it("proxy: a bulkhead with a wait queues the overflow and serves it in arrival order as slots free", async () => {
    const { history } = await run({
      registry: null,
      backends: [{ node: "b1", config: { latency: "100ms" } }],
      client: { arrival: { pattern: "bursts", size: 4, every: 10 * SECOND }, requests: 4, proxy: { instances: { api: ["b1/api"] }, bulkhead: { maxConcurrentCalls: 2, maxWaitDurationUs: "1s" } } },
    });
    const ends = entries(history, "call-end");
    expect(ends.map((e) => [e.fields.n, e.fields.ok, e.fields.latency])).toEqual([
      [1, true, 102 * MS], [2, true, 102 * MS], [3, true, 204 * MS], [4, true, 204 * MS],
    ]);
  });

  it("proxy: the last-value cache fallback answers with the last good reply for the same key", async () => {
    const { history } = await run({
      registry: null,
      backends: [{ node: "b1", config: { latency: "1ms", phases: [{ at: "5s", errorRatio: 1 }] } }],
      client: { arrival: constant(2), users: 1, proxy: { instances: { api: ["b1/api"] }, fallback: { type: "cache" } } },
      duration: 10 * SECOND,
    });
    const late = entries(history, "call-end").filter((e) => e.t > 6 * SECOND);
    expect(late.length).toBeGreaterThan(5);
    expect(late.every((e) => e.fields.ok === true && e.fields.fallback === "cache" && e.fields.failure === "error")).toBe(true);
  });

  it("proxy: a service fallback calls the other service when the first has no instances", async () => {
    const { history } = await run({
      registry: "eureka",
      backends: [{ node: "b1", config: { service: "backup", latency: "1ms" } }],
      client: { arrival: constant(2), proxy: { fallback: { type: "service", service: "backup" } } },
      duration: 5 * SECOND,
    });
    const ends = entries(history, "call-end");
    expect(ends.length).toBeGreaterThan(5);
    expect(ends.every((e) => e.fields.ok && e.fields.fallback === "service" && e.fields.instance === "b1/api")).toBe(true);
  });
});
