import { describe, expect, it } from "vitest";
import { MS, SECOND } from "../../core/time";
import { simulate } from "../../index";
import type { HistoryEntry } from "../../check/checker";
import { serviceScenario } from "../../testing/kits/service-test-kit";

const lastView = (h: readonly HistoryEntry[], address: string, before = Infinity) =>
  h.filter((e) => e.event === "registry-view" && e.address === address && e.t <= before).at(-1)?.fields.ids as string[] | undefined;

describe("registry replication (AP)", () => {
  it("registry: a registration at one server reaches its peer by asynchronous replication (Eureka's 500 ms batching)", async () => {
    const s = serviceScenario({
      registries: ["r1", "r2"], registryConfig: { peers: null },
      backends: [{ node: "b1", config: { registry: { profile: "eureka", servers: ["r1/registry"] } } }],
      client: { arrival: { pattern: "constant", ratePerSecond: 1 }, requests: 1, proxy: { registry: { profile: "eureka", servers: ["r2/registry"] } } },
      duration: 5 * SECOND,
    });
    const { history } = await simulate(s, { recording: "off" });
    const r1 = history.find((e) => e.event === "registry-view" && e.address === "r1/registry")!;
    const r2 = history.find((e) => e.event === "registry-view" && e.address === "r2/registry")!;
    expect(r1.fields.cause).toBe("register");
    expect(r2.fields.cause).toBe("replicate");
    expect(r2.t - r1.t).toBeGreaterThanOrEqual(500 * MS);
    expect(r2.t - r1.t).toBeLessThan(510 * MS);
  });

  it("registry: during a partition each side serves what it knows; after it heals the views converge", async () => {
    const s = serviceScenario({
      registry: "nacos-ephemeral", registries: ["r1", "r2"],
      backends: [
        { node: "b1", config: { registry: { profile: "nacos-ephemeral", servers: ["r1/registry"] } } },
        { node: "b2", config: { registry: { profile: "nacos-ephemeral", servers: ["r2/registry"] } } },
      ],
      client: { arrival: { pattern: "constant", ratePerSecond: 5 }, proxy: { registry: { profile: "nacos-ephemeral", servers: ["r1/registry"] } } },
      faults: [{ at: 10 * SECOND, action: "partition", groups: [["r1", "b1", "c1"], ["r2", "b2"]], duration: 60 * SECOND }],
      duration: 120 * SECOND,
      checks: [{ name: "registry-converges", params: { bound: 20 * SECOND } }],
    });
    const { history, result } = await simulate(s, { recording: "off" });
    // Each instance beats to one server, which replicates the beats to the other. Cut off, each
    // server stops hearing the far side's instance and marks it unhealthy: each side serves its
    // own truth, and the client (with r1) sees only b1.
    expect(lastView(history, "r1/registry", 60 * SECOND)).toEqual(["b1/api"]);
    expect(lastView(history, "r2/registry", 60 * SECOND)).toEqual(["b2/api"]);
    expect(lastView(history, "c1/client", 60 * SECOND)).toEqual(["b1/api"]);
    expect(result.checks[0].passed).toBe(true);
    expect(lastView(history, "r1/registry")).toEqual(["b1/api", "b2/api"]);
    expect(lastView(history, "c1/client")).toEqual(["b1/api", "b2/api"]);
  });

  it("registry: a restarted server syncs the registry from its peer (Eureka syncUp)", async () => {
    const s = serviceScenario({
      registries: ["r1", "r2"],
      backends: [{ node: "b1" }, { node: "b2" }],
      client: { arrival: { pattern: "constant", ratePerSecond: 1 }, requests: 1 },
      faults: [{ at: 10 * SECOND, action: "crash", node: "r2", duration: 5 * SECOND }],
      duration: 20 * SECOND,
    });
    const { history } = await simulate(s, { recording: "off" });
    const synced = history.filter((e) => e.event === "registry-view" && e.address === "r2/registry" && e.t >= 15 * SECOND);
    expect(synced.map((e) => e.fields.cause)).toEqual(["sync"]);
    expect(synced[0].fields.ids).toEqual(["b1/api", "b2/api"]);
  });
});

describe("registry profiles", () => {
  it("registry: consul: a crashed instance turns critical after 6 s of silence and is never deleted", async () => {
    const s = serviceScenario({
      registry: "consul",
      backends: [{ node: "b1" }, { node: "b2" }],
      client: { arrival: { pattern: "constant", ratePerSecond: 2 } },
      faults: [{ at: 10 * SECOND, action: "crash", node: "b2" }],
      duration: 120 * SECOND,
    });
    const { history, result } = await simulate(s, { recording: "off" });
    const removal = history.find((e) => e.event === "registry-view" && e.address === "r1/registry" && (e.fields.removed as string[]).includes("b2/api"))!;
    expect(removal.fields.cause).toBe("unhealthy");
    // The last heartbeat came at 10 s at the latest (every 2 s); critical strictly after 6 s
    // of silence, at the next 1 s check.
    expect(removal.t).toBeGreaterThan(14 * SECOND);
    expect(removal.t).toBeLessThanOrEqual(17 * SECOND + 10 * MS);
    expect(result.metrics.counters["registry.deletions"] ?? 0).toBe(0);
    // The client is told at once by its watch (a blocking query returns on the change).
    const seen = history.find((e) => e.event === "registry-view" && e.address === "c1/client" && e.t >= removal.t)!;
    expect(seen.t - removal.t).toBeLessThan(10 * MS);
  });

  it("registry: consul: a server that lost its state gets the instance back at the agent's next heartbeat", async () => {
    const s = serviceScenario({
      registry: "consul",
      registryConfig: { syncOnStart: false },
      backends: [{ node: "b1" }],
      client: { arrival: { pattern: "constant", ratePerSecond: 1 }, requests: 1 },
      faults: [{ at: 5 * SECOND, action: "crash", node: "r1", duration: SECOND }],
      duration: 90 * SECOND,
    });
    const { history } = await simulate(s, { recording: "off" });
    const back = history.find((e) => e.event === "registry-view" && e.address === "r1/registry" && e.t > 6 * SECOND)!;
    // The agent's first heartbeat after the restart gets "not found" and registers again at once.
    expect(back.fields.cause).toBe("register");
    expect(back.t).toBeLessThan(9 * SECOND);
  });

  it("registry: consul: anti-entropy re-sends the full registration every minute, repairing a server that lost it", async () => {
    const s = serviceScenario({
      registry: "consul",
      registryConfig: { syncOnStart: false, leaseDurationUs: 20 * 60 * SECOND },
      // Heartbeats so rare that only anti-entropy can notice the server forgot the instance.
      backends: [{ node: "b1", config: { registry: { profile: "consul", renewalIntervalUs: "10m" } } }],
      client: { arrival: { pattern: "constant", ratePerSecond: 1 }, requests: 1 },
      faults: [{ at: 5 * SECOND, action: "crash", node: "r1", duration: SECOND }],
      duration: 90 * SECOND,
    });
    const { history } = await simulate(s, { recording: "off" });
    const back = history.find((e) => e.event === "registry-view" && e.address === "r1/registry" && e.t > 6 * SECOND)!;
    expect(back.fields.cause).toBe("register");
    expect(back.t).toBeGreaterThanOrEqual(60 * SECOND);
    expect(back.t).toBeLessThan(61 * SECOND);
  });
});
