import { describe, expect, it } from "vitest";
import { simulate } from "../../../index";
import { MS, SECOND } from "../../../core/time";
import { ZK_CHECKS, zkScenario } from "./zk-scenario";

// Five servers with a client beside each (colocated: a partition cuts a client off with its
// server) and two more clients on nodes of their own, under a random nemesis of crashes,
// partitions, isolations and slow links. Not in the mix: pauses and clock steps, which break
// any lease-based lock by design (a paused holder wakes up still believing it holds), and
// message loss, since ZooKeeper's links are TCP connections that do not lose while they last.
const scenario = (seed: number, bug = "none") => {
  const clients = [
    { recipe: "kv", sync: true, sessionTimeoutUs: "2s" }, { recipe: "kv", sync: true, sessionTimeoutUs: "2s" },
    { recipe: "lock", sessionTimeoutUs: "2s", holdUs: "200ms" }, { recipe: "lock-herd", sessionTimeoutUs: "2s", holdUs: "200ms" },
    { recipe: "member", sessionTimeoutUs: "1s" }, { recipe: "member", sessionTimeoutUs: "1s" }, { recipe: "lock", sessionTimeoutUs: "2s", holdUs: "200ms" },
  ];
  const s = zkScenario({ seed, servers: 5, colocated: true, duration: 12 * SECOND, server: { bug }, clients, checks: [...ZK_CHECKS, { name: "fresh-reads" }, { name: "linearizable", params: { model: "kv" } }] });
  s.nemesis = {
    mix: { crash: 1, partition: 2, isolate: 2, slow: 1 },
    interval: { dist: "uniform", min: 500 * MS, max: 2 * SECOND },
    duration: { dist: "uniform", min: 500 * MS, max: 4 * SECOND },
    until: 8 * SECOND,
  };
  return s;
};

describe("zookeeper under a random nemesis", () => {
  it("zookeeper: correct servers keep every checker green under crashes, partitions, isolations and slow links (seeds 1-6)", async () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const sim = await simulate(scenario(seed), { recording: "off" });
      const failed = sim.result.checks.filter((c) => !c.passed).map((c) => `${c.name}: ${c.violations[0]?.message}`);
      expect(failed, `seed ${seed}`).toEqual([]);
      expect(sim.result.metrics.counters["zk.lock.acquired"], `seed ${seed}`).toBeGreaterThan(5);
    }
  }, 300_000);

  it("zookeeper: a server that never clears its watches is caught by watch-fires-once on every seed", async () => {
    for (const seed of [1, 2, 3]) {
      const sim = await simulate(scenario(seed, "watch-not-cleared"), { recording: "off" });
      expect(sim.result.checks.find((c) => c.name === "watch-fires-once")!.status, `seed ${seed}`).toBe("violated");
    }
  }, 300_000);
});
