import { describe, expect, it } from "vitest";
import { run } from "../../../engine/index";
import { RAFT_NEMESIS_BUGS, raftBugZooScenario, type RaftNemesisBug } from "../../../engine/systems/consensus/bug-zoo";
import { shrinkFaults } from "../../runner/shrink";

/**
 * The Raft bug zoo end to end, as the commit family's: the random nemesis finds the bug within
 * 60 seeds (the first failing seed is fixed, runs being deterministic), the shrinker turns that
 * run's schedule into at most three faults that still break the same check, and the correct
 * server under the same nemesis and seed keeps every check green.
 */
describe("raft bug zoo: nemesis, checkers and shrinker", () => {
  for (const bug of Object.keys(RAFT_NEMESIS_BUGS) as RaftNemesisBug[]) {
    it(`raft bug zoo: ${bug}: found within 60 seeds, shrunk to at most 3 faults, and the correct server passes the same run`, async () => {
      let seed = 0;
      for (let s = 1; s <= 60 && seed === 0; s++) {
        const r = await run(raftBugZooScenario(bug, s), { recording: "off" });
        if (!r.passed) seed = s;
      }
      expect(seed, `${bug} not found in 60 seeds`).toBeGreaterThan(0);
      const breaks = RAFT_NEMESIS_BUGS[bug].breaks;
      const shrunk = await shrinkFaults(raftBugZooScenario(bug, seed), seed, { maxRuns: 80, recording: "off" });
      expect(shrunk.reproduced).toBe(true);
      expect(shrunk.originalFaults).toBeGreaterThan(5);
      expect(shrunk.faults.length).toBeGreaterThanOrEqual(1);
      expect(shrunk.faults.length).toBeLessThanOrEqual(3);
      expect(shrunk.result.checks.find((c) => c.name === breaks)!.status).toBe("violated");
      const correct = await run(raftBugZooScenario(bug, seed, false), { recording: "off" });
      expect(correct.checks.filter((c) => !c.passed).map((c) => c.name)).toEqual([]);
    }, 900_000);
  }
});
