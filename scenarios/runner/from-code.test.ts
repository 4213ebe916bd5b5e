// The example docs/cli.md shows: a scenario run from a vitest test, with assertions on its
// result. It is a real test, so the example cannot rot.
import { describe, expect, it } from "vitest";
import { run, simulate } from "../../engine/index";
import type { ProcessFactory } from "../../engine/index";
import { loadScenario } from "../index";
import { builtinProcesses } from "../../engine/systems/catalog";

const failover = `
name: failover
duration: 5s
nodes: [s1, s2, c1]
processes:
  - { kind: echo-server, name: echo, on: [s1, s2] }
  - { kind: echo-client, name: client, on: c1, config: { targets: [s1/echo, s2/echo], rate: 50 } }
faults:
  - { at: 1s, crash: s1, for: 1s }
checks: [every-call-ends]
expect:
  - p99(latency) < 250ms
`;

describe("failover under a crash (library API example)", () => {
  it("example: every call ends and p99 latency stays under 250ms, for seeds 1..5", async () => {
    const loaded = loadScenario(failover, { file: "failover.yaml" });
    if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join("\n"));
    for (let seed = 1; seed <= 5; seed++) {
      const result = await run(loaded.scenario, { seed });
      // The replay command in the message makes a failure reproducible from the test log.
      expect(result.passed, result.replay).toBe(true);
      expect(result.expectations[0].measured).toBeLessThan(250_000);
      expect(result.faults.map((f) => f.fault.action)).toEqual(["crash"]);
    }
  });

  it("example: a team's own TypeScript process runs under faults through the catalog", async () => {
    // Counts the requests it served, on disk, synced: a restart must not lose the count.
    const durableCounter: ProcessFactory = (rt) => {
      let served = rt.disk.read<number>("served") ?? 0;
      return {
        request() {
          served++;
          rt.disk.write("served", served);
          rt.disk.sync();
          rt.record("served", { served });
          return served;
        },
      };
    };
    const catalog = { ...builtinProcesses, "durable-counter": { factory: durableCounter, description: "Counts requests durably." } };
    const text = failover.replace("kind: echo-server", "kind: durable-counter").replace("targets: [s1/echo, s2/echo]", "targets: [s1/echo]");
    const loaded = loadScenario(text, { catalog });
    if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join("\n"));
    const { result, history } = await simulate(loaded.scenario, { seed: 1, catalog });
    // The crash dropped calls, yet the count on s1 never went back: it survived the restart.
    expect(result.stats.drops["node-down"]).toBeGreaterThan(0);
    const counts = history.filter((h) => h.event === "served" && h.node === "s1").map((h) => h.fields.served as number);
    expect(counts.length).toBeGreaterThan(100);
    expect(counts.every((c, i) => i === 0 || c === counts[i - 1] + 1)).toBe(true);
  });
});
