import { describe, expect, it } from "vitest";
import { MS, SECOND } from "../../../core/time";
import { simulate } from "../../../index";
import { cpScenario } from "../../../testing/kits/cp-registry-test-kit";
import type { CpSpec } from "../../../testing/kits/cp-registry-test-kit";

// Each CP profile with three servers, three instances and a client, under a random nemesis of
// crashes, partitions, isolations and slow links in the first 20 s of a 50 s run; then a
// healthy phase in which the registry must converge. The registry checkers judge the CP stores
// through the registry-view records their state machines make: every server and the client
// agree on the instances within 15 s of the last heal (registry-converges), and no call goes
// to an instance removed more than 12 s before (the longest fault, 4 s, plus a lease or
// session of 3-4 s, a refresh of 2 s and the calls' own time): a client's cache may be stale
// while a fault lasts, never for long after. Raft's own safety checkers run too.
const profiles: Array<Pick<CpSpec, "profile" | "registry">> = [
  { profile: "etcd", registry: { leaseTtlUs: "3s" } },
  { profile: "zookeeper", registry: { sessionTimeoutUs: "3s" } },
  { profile: "consul-catalog", registry: { checkTtlUs: "3s", consistency: "consistent" } },
  { profile: "nacos-persistent" },
];

describe("CP registries under a random nemesis", () => {
  for (const p of profiles) {
    it(`${p.profile}: the registry checkers stay green over seeds 1-5 of crashes, partitions, isolations and slow links`, async () => {
      for (const seed of [1, 2, 3, 4, 5]) {
        const sc = cpScenario({
          ...p, seed, duration: 50 * SECOND,
          nemesis: {
            mix: { crash: 1, partition: 2, isolate: 2, slow: 1 },
            interval: { dist: "uniform", min: 1 * SECOND, max: 3 * SECOND },
            duration: { dist: "uniform", min: 500 * MS, max: 4 * SECOND },
            from: 5 * SECOND, until: 20 * SECOND,
          },
          checks: [
            { name: "every-call-ends" },
            { name: "no-stale-routing", params: { bound: "12s" } },
            { name: "registry-converges", params: { bound: "15s" } },
            { name: "election-safety" }, { name: "state-machine-safety" },
          ],
        });
        const sim = await simulate(sc, { recording: "off" });
        const failed = sim.result.checks.filter((c) => !c.passed).map((c) => `${c.name}: ${c.violations[0]?.message}`);
        expect(failed, `${p.profile} seed ${seed}`).toEqual([]);
        expect(sim.result.metrics.counters["calls.ok"], `${p.profile} seed ${seed}`).toBeGreaterThan(500);
      }
    }, 300_000);
  }
});
