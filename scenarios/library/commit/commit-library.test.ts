import { describe, expect, it } from "vitest";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { simulate } from "../../../engine/index";
import { formatMicros } from "../../../engine/core/time";
import type { Simulation } from "../../../engine/run-options";
import { expectEverySeedPasses, loadLibraryFile } from "../library-kit";

const dir = fileURLToPath(new URL(".", import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort();

/** Loads a library file with the built-in catalogs, failing the test with the loader's errors. */
const load = (file: string, sets: string[] = []) => loadLibraryFile(dir, file, sets);

const check = (sim: Simulation, name: string) => sim.result.checks.find((c) => c.name === name)!;
const decisions = (sim: Simulation, txn: string) =>
  Object.fromEntries(sim.history.filter((h) => h.event === "decide" && h.fields.txn === txn).map((h) => [h.address, h.fields.outcome]));

describe("commit library: every scenario loads and passes over its seeds", () => {
  it("commit library: the seven scenarios are there", () => {
    expect(files).toEqual([
      "2pc-bug-commit-before-durable.yaml", "2pc-bug-forget-vote.yaml", "2pc-cooperative-termination.yaml",
      "2pc-coordinator-crash.yaml", "2pc-happy-path.yaml", "3pc-crash-nonblocking.yaml", "3pc-partition-atomicity-violated.yaml",
    ]);
  });

  for (const file of files) {
    it(`commit library: ${file} passes for each of its seeds, with a description and narration`, async () => {
      const r = load(file);
      expect(r.scenario.description!.length).toBeGreaterThan(300);
      expect(r.scenario.narration!.length).toBeGreaterThanOrEqual(2);
      await expectEverySeedPasses(file, r);
    }, 120_000);
  }
});

describe("commit library: what the scenarios show, measured", () => {
  it("2pc-coordinator-crash: three participants blocked 1.906 s each, then all commit", async () => {
    const sim = await simulate(load("2pc-coordinator-crash.yaml").scenario);
    const blocking = check(sim, "blocking");
    expect(blocking.findings.map((f) => [f.message.split(":")[0], f.value])).toEqual([
      ["3 participant-transaction(s) blocked in 1 transaction(s)", 5_718_000],
      ["longest blocked period", 1_906_000],
      ["3 uncertainty period(s)", 3_006_000],
    ]);
    expect(blocking.violations.map((v) => formatMicros(v.t))).toEqual(["1.21s", "1.21s", "1.21s"]);
    expect(decisions(sim, "client#1")).toEqual({ "c/coordinator": "commit", "p1/participant": "commit", "p2/participant": "commit", "p3/participant": "commit" });
  });

  it("2pc-cooperative-termination: nobody blocks; asking only the coordinator blocks p2 and p3 to the end", async () => {
    const sim = await simulate(load("2pc-cooperative-termination.yaml").scenario);
    expect(check(sim, "blocking").findings[0].message).toBe("no participant was blocked");
    const vias = sim.history.filter((h) => h.event === "decide" && h.address !== "c/coordinator").map((h) => `${h.address} ${String(h.fields.via)}`);
    expect(vias).toEqual(["p1/participant coordinator", "p2/participant peer", "p3/participant peer"]);
    const plain = await simulate(load("2pc-cooperative-termination.yaml", ["services.1.profile=coordinator-only"]).scenario);
    expect(check(plain, "commit-termination").status).toBe("violated");
    expect(check(plain, "blocking").findings[0].message).toMatch(/2 still blocked when the run ended$/);
  });

  it("3pc-crash-nonblocking: p1 is elected committable and everyone commits 1.11 s after the crash, unblocked", async () => {
    const sim = await simulate(load("3pc-crash-nonblocking.yaml").scenario);
    const crash = sim.result.faults[0];
    expect(crash.fault).toMatchObject({ action: "crash", node: "c" });
    const p3 = sim.history.find((h) => h.event === "decide" && h.address === "p3/participant")!;
    expect(p3.fields).toMatchObject({ outcome: "commit", via: "peer" });
    expect(p3.t - crash.t).toBe(1_110_000);
    expect(check(sim, "blocking").findings[0].value).toBe(0);
  });

  it("3pc-partition-atomicity-violated: the violation names p1's commit and p2's election-made abort", async () => {
    const sim = await simulate(load("3pc-partition-atomicity-violated.yaml").scenario);
    const [v] = check(sim, "atomicity").violations;
    expect(v.message).toBe("client#1: p1/participant (participant, coordinator) committed at 616ms, but p2/participant (participant, elected) aborted at 1.211s");
    const shown = v.history.map((i) => sim.history[i]).map((h) => `${h.address} ${h.event}`);
    expect(shown).toContain("p1/participant pre-commit");
    expect(shown).toContain("p2/participant elected");
    expect(decisions(sim, "client#1")).toEqual({ "c/coordinator": "commit", "p1/participant": "commit", "p2/participant": "abort", "p3/participant": "abort" });
  });

  it("2pc bug zoo: both minimal runs fail only because of the bug", async () => {
    for (const [file, set] of [["2pc-bug-commit-before-durable.yaml", "services.0.config.bug=none"], ["2pc-bug-forget-vote.yaml", "services.1.config.bug=none"]]) {
      const r = load(file);
      expect(r.scenario.faults).toHaveLength(1);
      const buggy = await simulate(r.scenario);
      expect(check(buggy, "atomicity").status, file).toBe("violated");
      const fixed = await simulate(load(file, [set]).scenario);
      expect(fixed.result.checks.map((c) => c.status), file).toEqual(["held", "held", "held"]);
    }
  });
});
