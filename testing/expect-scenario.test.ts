import { describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expectScenario, ScenarioFailure } from "./index";

const root = fileURLToPath(new URL("..", import.meta.url));

describe("expectScenario", () => {
  it("expectScenario: resolves with every seed's result when all of them pass", async () => {
    const runs = await expectScenario("scenarios/library/commit/2pc-happy-path.yaml", { seeds: "1..3", cwd: root });
    expect(runs.seeds).toEqual([1, 2, 3]);
    expect(runs.results.map((r) => [r.seed, r.passed])).toEqual([[1, true], [2, true], [3, true]]);
  });

  it("expectScenario: a failing seed rejects with the seed, the first violation and the replay command", async () => {
    const failure = await expectScenario("testing/fixtures/inventory-bug.yaml", { seeds: [4, 5], cwd: root }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ScenarioFailure);
    const f = failure as ScenarioFailure;
    expect(f.seed).toBe(4);
    expect(f.message).toContain("testing/fixtures/inventory-bug.yaml failed at seed 4 (0 of 2 seeds passed before it)");
    expect(f.message).toMatch(/first violation: check acked-reservations-durable violated at [\d.]+m?s on store: store\/primary recovered \d+ reservations, but \d+ had been acknowledged/);
    expect(f.message).toContain("replay: npx clustersim replay testing/fixtures/inventory-bug.yaml --seed 4");
    expect(f.message).not.toContain("shrunk scenario");
  });

  it("expectScenario: with shrink, the message holds a minimal scenario file that fails the same way", async () => {
    const f = (await expectScenario("testing/fixtures/inventory-bug.yaml", { seeds: 4, cwd: root, shrink: true }).catch((e: unknown) => e)) as ScenarioFailure;
    expect(f.message).toMatch(/shrunk scenario \(\d+ of \d+ faults; save it beside testing\/fixtures\/inventory-bug.yaml as a regression test\):\n {4}/);
    // The shrunk file, saved beside the original, is itself a scenario that fails at that seed.
    const saved = `testing/fixtures/shrunk-${process.pid}.yaml`;
    try {
      writeFileSync(join(root, saved), f.shrunk!);
      const again = (await expectScenario(saved, { cwd: root }).catch((e: unknown) => e)) as ScenarioFailure;
      expect(again).toBeInstanceOf(ScenarioFailure);
      expect(again.seed).toBe(4);
      expect(again.message).toContain("check acked-reservations-durable violated");
    } finally {
      rmSync(join(root, saved), { force: true });
    }
  });

  it("expectScenario: a file that does not load rejects with the loader's report, not a run", async () => {
    const dir = mkdtempSync(join(tmpdir(), "expect-scenario-"));
    try {
      writeFileSync(join(dir, "bad.yaml"), "name: bad\nduraton: 1s\nnodes: [a]\n");
      const f = (await expectScenario("bad.yaml", { cwd: dir }).catch((e: unknown) => e)) as ScenarioFailure;
      expect(f.message).toContain("bad.yaml does not load");
      expect(f.message).toContain("CS101");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("expectScenario: a malformed seed list is an error that says so", async () => {
    await expect(expectScenario("scenarios/library/commit/2pc-happy-path.yaml", { seeds: "1..x", cwd: root })).rejects.toThrow(/seeds "1\.\.x": "1\.\.x" is not a seed or a range/);
  });
});
