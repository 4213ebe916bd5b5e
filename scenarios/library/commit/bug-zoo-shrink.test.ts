import { describe, expect, it } from "vitest";
import { run } from "../../../engine/index";
import { bugZooScenario, COMMIT_BUGS, type CommitBug } from "../../../engine/systems/commit/bug-zoo";
import { shrinkFaults } from "../../runner/shrink";

/**
 * The bug zoo end to end: the random crash nemesis finds each commit bug within 50 seeds, and
 * the shrinker turns the failing run's schedule (a dozen or more crashes) into a handful that
 * still breaks atomicity. The library's 2pc-bug-*.yaml files hold such minimal runs.
 */
describe("bug zoo: nemesis, checkers and shrinker", () => {
  for (const bug of Object.keys(COMMIT_BUGS) as CommitBug[]) {
    it(`bug zoo: ${bug}: found within 50 seeds and shrunk to at most 3 faults`, async () => {
      let seed = 0;
      for (let s = 1; s <= 50 && seed === 0; s++) {
        const r = await run(bugZooScenario(bug, s), { recording: "off" });
        if (!r.passed) seed = s;
      }
      expect(seed, `${bug} not found in 50 seeds`).toBeGreaterThan(0);
      const shrunk = await shrinkFaults(bugZooScenario(bug, seed), seed, { maxRuns: 80, recording: "off" });
      expect(shrunk.reproduced).toBe(true);
      expect(shrunk.originalFaults).toBeGreaterThan(5);
      expect(shrunk.faults.length).toBeGreaterThanOrEqual(1);
      expect(shrunk.faults.length).toBeLessThanOrEqual(3);
      expect(shrunk.faults.every((f) => f.action === "crash")).toBe(true);
      const atomicity = shrunk.result.checks.find((c) => c.name === "atomicity")!;
      expect(atomicity.status).toBe("violated");
      // The crash that matters hits the process the bug lives in.
      const where = COMMIT_BUGS[bug].where === "coordinator" ? ["c"] : ["p1", "p2", "p3"];
      expect(shrunk.faults.some((f) => f.action === "crash" && where.includes(f.node))).toBe(true);
    }, 900_000);
  }
});
