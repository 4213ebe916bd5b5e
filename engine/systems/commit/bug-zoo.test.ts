import { describe, expect, it } from "vitest";
import type { RunResult } from "../../result";
import { run } from "../../index";
import { bugZooScenario, COMMIT_BUGS, type CommitBug } from "./bug-zoo";

/** Runs seeds 1, 2, ... until one fails, at most `limit`. */
async function firstFailure(bug: CommitBug, limit: number): Promise<{ seed: number; result: RunResult } | null> {
  for (let seed = 1; seed <= limit; seed++) {
    const result = await run(bugZooScenario(bug, seed), { recording: "off" });
    if (!result.passed) return { seed, result };
  }
  return null;
}

describe("bug zoo: the random crash nemesis finds each commit bug within 50 seeds", () => {
  for (const bug of Object.keys(COMMIT_BUGS) as CommitBug[]) {
    it(`bug zoo: ${bug}: atomicity fails within 50 seeds, and the same seed holds without the bug`, async () => {
      const found = await firstFailure(bug, 50);
      expect(found, `${bug} not found in 50 seeds`).not.toBeNull();
      const failed = found!.result.checks.filter((c) => !c.passed).map((c) => c.name);
      expect(failed).toEqual(["atomicity"]);
      const v = found!.result.checks[0].violations[0];
      expect(v.message).toMatch(bug === "forget-vote" ? /committed .* but p\d\/participant \(participant, recovery\) aborted/ : /committed .* but (the client|c\/coordinator)/);
      expect(v.replay).toBe(`clustersim replay "${found!.result.scenario}" --seed ${found!.seed}`);
      // The nemesis draws its schedule from its own stream: without the bug, the very same
      // crashes strike, and every check holds.
      const control = await run(bugZooScenario(null, found!.seed), { recording: "off" });
      expect(control.schedule.faults).toEqual(found!.result.schedule.faults);
      expect(control.passed).toBe(true);
    }, 600_000);
  }
});
