import { describe, expect, it } from "vitest";
import { MINUTE, MS, SECOND } from "../../core/time";
import { simulate } from "../../index";
import type { HistoryEntry } from "../../check/checker";
import type { Scenario } from "../../scenario";
import type { ProcessFactory } from "../../node/runtime-api";
import { RegistryClient } from "./registry-client";
import { registryClientOptions } from "./registry-profiles";

/** A process that only discovers: it tracks one service through its registry client. */
const watcher: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  const client = new RegistryClient(rt, registryClientOptions(config.registry, rt.address));
  return {
    start() { client.instances(String(config.service ?? "api")); },
    message(m) { client.handleMessage(m); },
  };
};

/** n backends of service `api` on b1..bn, one registry per entry of `registries`, and a watcher. */
function scenario(n: number, over: Partial<Scenario> & { profile?: string; server?: Record<string, unknown>; registries?: string[] } = {}): Scenario {
  const registries = over.registries ?? ["r1"];
  const profile = over.profile ?? "eureka";
  const backends = Array.from({ length: n }, (_, i) => `b${i + 1}`);
  return {
    name: "registry", seed: 1, duration: 20 * MINUTE,
    nodes: [...registries, ...backends, "w"].map((name) => ({ name })),
    network: { latency: { dist: "constant", value: MS } },
    processes: [
      ...registries.map((node) => ({ node, name: "registry", kind: "registry", config: { profile, ...over.server } })),
      ...backends.map((node) => ({ node, name: "api", kind: "backend", config: { registry: { profile } } })),
      { node: "w", name: "watch", kind: "watcher", factory: watcher, config: { registry: { profile } } },
    ],
    ...over,
  } as Scenario;
}

const serverViews = (h: readonly HistoryEntry[], address = "r1/registry") =>
  h.filter((e) => e.event === "registry-view" && e.address === address);
const removalOf = (h: readonly HistoryEntry[], id: string, address = "r1/registry") =>
  serverViews(h, address).find((e) => (e.fields.removed as string[]).includes(id));

describe("registry server (Eureka profile, run on the engine)", () => {
  it("registry: ten backends register, the watcher's view lists all ten", async () => {
    const { history } = await simulate(scenario(10, { duration: 2 * MINUTE }), { recording: "off" });
    const views = history.filter((e) => e.event === "registry-view" && e.fields.role === "client");
    expect((views.at(-1)!.fields.ids as string[]).length).toBe(10);
  });

  it("registry: one of ten crashes; self-preservation holds it (18 renewals, threshold 18) until the 15-minute update lowers the threshold to 17", async () => {
    const s = scenario(10, { faults: [{ at: 5 * MINUTE, action: "crash", node: "b3" }] });
    const { history, result } = await simulate(s, { recording: "off" });
    expect(result.checks.every((c) => c.passed)).toBe(true);
    const removal = removalOf(history, "b3/api")!;
    expect(removal.fields.cause).toBe("evict");
    // Expired at 4:30 + 180 s = 7:30, but preserved until the update at 15:00; the eviction task
    // runs at every whole minute of the server's life and sees 18 > 17 at 15:00.
    expect(removal.t).toBe(15 * MINUTE);
    expect(result.metrics.counters["registry.evictions"]).toBe(1);
  });

  it("registry: two of ten crash; 16 renewals stay at or below the threshold, so neither is ever evicted", async () => {
    const s = scenario(10, { faults: [{ at: 5 * MINUTE, action: "crash", node: "b3" }, { at: 5 * MINUTE, action: "crash", node: "b4" }] });
    const { history } = await simulate(s, { recording: "off" });
    expect(removalOf(history, "b3/api")).toBeUndefined();
    expect(removalOf(history, "b4/api")).toBeUndefined();
  });

  it("registry: without self-preservation, a crashed instance is evicted at the first run after last renewal + 180 s", async () => {
    const s = scenario(10, { server: { selfPreservation: false }, faults: [{ at: 5 * MINUTE + 10 * SECOND, action: "crash", node: "b3" }] });
    const { history } = await simulate(s, { recording: "off" });
    // Renewals at 30 s multiples (+1 ms network); the last before the crash at 5:00.001, so the
    // lease expires strictly after 8:00.001 and the 9:00 run evicts it.
    expect(removalOf(history, "b3/api")!.t).toBe(9 * MINUTE);
  });

  it("registry: the watcher sees the eviction only after the response cache and its own fetch (up to 60 s later)", async () => {
    const s = scenario(3, { server: { selfPreservation: false }, faults: [{ at: MINUTE + 10 * SECOND, action: "crash", node: "b2" }] });
    const { history } = await simulate(s, { recording: "off" });
    const evicted = removalOf(history, "b2/api")!.t;
    const seen = history.find((e) => e.event === "registry-view" && e.fields.role === "client" && e.t > evicted && !(e.fields.ids as string[]).includes("b2/api"))!;
    expect(seen.t - evicted).toBeGreaterThan(0);
    expect(seen.t - evicted).toBeLessThanOrEqual(60 * SECOND + 10 * MS);
  });
});
