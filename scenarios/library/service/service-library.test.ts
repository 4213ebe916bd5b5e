import { describe, expect, it } from "vitest";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { simulate } from "../../../engine/index";
import type { Simulation } from "../../../engine/run-options";
import { expectEverySeedPasses, loadLibraryFile } from "../library-kit";

const dir = fileURLToPath(new URL(".", import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort();

/** Loads a library file with the built-in catalogs, failing the test with the loader's errors. */
const load = (file: string, sets: string[] = []) => loadLibraryFile(dir, file, sets);

const counter = (sim: Simulation, name: string) => sim.result.metrics.counters[name] ?? 0;

describe("service library: every scenario loads and passes over its seeds", () => {
  it("service library: the scenarios are there", () => {
    expect(files).toEqual([
      "balancing-unequal-servers.yaml", "breaker-lifecycle.yaml", "bug-cache-never-expires.yaml",
      "bug-half-open-lets-all-through.yaml", "bug-leak-on-timeout.yaml", "consistent-hashing-node-leaves.yaml",
      "instance-crash-failover.yaml", "least-connections-sinkhole.yaml", "p2c-vs-random.yaml",
      "partition-registry-etcd.yaml", "partition-registry-eureka.yaml", "rate-limit-fallback.yaml",
      "registry-consul-stale-reads.yaml", "registry-nacos-persistent.yaml",
      "registry-partition-no-self-preservation.yaml", "registry-partition-self-preservation.yaml", "registry-zookeeper-partition.yaml", "retry-storm.yaml",
      "service-happy-path.yaml", "service-unavailable-fallback.yaml",
    ]);
  });

  for (const file of files) {
    it(`service library: ${file} passes for each of its seeds, with a description and narration that is shown`, async () => {
      const r = load(file);
      expect(r.scenario.description!.length).toBeGreaterThan(300);
      expect(r.scenario.narration!.length).toBeGreaterThanOrEqual(2);
      await expectEverySeedPasses(file, r, "off");
    }, 300_000);
  }
});

describe("service library: what the scenarios show, measured", () => {
  it("partition-registry-eureka vs partition-registry-etcd, side by side at the same seeds: Eureka (AP) takes the minority's registration and serves it there; etcd (CP) refuses it, keeps one truth and routes stale far less", async () => {
    const stale = (sim: Simulation) => Number(sim.result.checks.find((c) => c.name === "no-stale-routing")!.findings[0]?.value ?? 0);
    for (const seed of [1, 2, 3]) {
      const ap = await simulate(load("partition-registry-eureka.yaml").scenario, { seed, recording: "off" });
      const cp = await simulate(load("partition-registry-etcd.yaml").scenario, { seed, recording: "off" });
      // Registrations refused on the minority side (b5 restarts there at 40 s).
      expect(counter(ap, "registry.client.register-refused")).toBe(0);
      expect(counter(cp, "registry.client.register-refused")).toBeGreaterThan(0);
      // Availability of the newcomer during the partition: Eureka's minority calls it, etcd's cannot see it.
      const b5During = (sim: Simulation) => sim.history.filter((h) => h.event === "call-attempt" && h.address === "c2/minority" && h.fields.instance === "b5/api" && h.t > 40e6 && h.t < 60e6).length;
      expect(b5During(ap)).toBeGreaterThan(15);
      expect(b5During(cp)).toBe(0);
      // Consistency: one truth on the majority side; the stale routing left is the minority's cache.
      expect(stale(cp) * 2).toBeLessThan(stale(ap));
      expect(counter(cp, "majority.calls.ok")).toBeGreaterThan(counter(ap, "majority.calls.ok"));
    }
  }, 300_000);

  it("consistent-hashing-node-leaves: the ring moves only the departed instance's keys (33 of 200), the map moves 166", async () => {
    const sim = await simulate(load("consistent-hashing-node-leaves.yaml").scenario, { recording: "off" });
    expect(counter(sim, "ring.keys.moved")).toBe(33);
    expect(counter(sim, "map.keys.moved")).toBe(166);
  });

  it("bug zoo scenarios: with the bug switched off by --set, the same nemesis passes the same check", async () => {
    const cases: Array<[string, string]> = [
      ["bug-cache-never-expires.yaml", "workload.config.proxy.registry.bug=none"],
      ["bug-half-open-lets-all-through.yaml", "workload.config.proxy.breaker.bug=none"],
      ["bug-leak-on-timeout.yaml", "workload.config.proxy.strategyOptions.bug=none"],
    ];
    for (const [file, fix] of cases) {
      const r = load(file, [fix]);
      for (const seed of r.seeds!) {
        const sim = await simulate(r.scenario, { seed, recording: "off" });
        const bugCheck = sim.result.checks[0];
        expect(bugCheck.expected).toBe("violate");
        expect({ file, seed, status: bugCheck.status }).toEqual({ file, seed, status: "held" });
      }
    }
  }, 300_000);

  it("registry partition: self-preservation keeps every instance (and the dead b3); without it the registry empties", async () => {
    const keep = await simulate(load("registry-partition-self-preservation.yaml").scenario, { recording: "off" });
    const drop = await simulate(load("registry-partition-no-self-preservation.yaml").scenario, { recording: "off" });
    expect(counter(keep, "registry.evictions")).toBe(0);
    expect(counter(drop, "registry.evictions")).toBe(6);
    expect(counter(keep, "calls.failure.service-unavailable")).toBe(0);
    expect(counter(drop, "calls.failure.service-unavailable")).toBeGreaterThan(600);
    // The stale b3 keeps drawing calls to the end with self-preservation, and stops without it.
    expect(counter(keep, "calls.instance.b3.api")).toBeGreaterThan(counter(drop, "calls.instance.b3.api"));
  }, 120_000);
});
