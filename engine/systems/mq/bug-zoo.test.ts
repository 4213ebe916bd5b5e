import { describe, expect, it } from "vitest";
import type { RunResult } from "../../result";
import { run } from "../../index";
import { shrinkFaults } from "../../../scenarios/runner/shrink";
import { MQ_BUGS, mqBugZooScenario, type MqBug } from "./bug-zoo";

/** Runs seeds 1, 2, ... until one fails, at most `limit`. */
async function firstFailure(bug: MqBug, limit: number): Promise<{ seed: number; result: RunResult } | null> {
  for (let seed = 1; seed <= limit; seed++) {
    const result = await run(mqBugZooScenario(bug, true, seed), { recording: "off" });
    if (!result.passed) return { seed, result };
  }
  return null;
}

describe("bug zoo: the crash nemesis and the queue checkers find each bug, and the shrinker reduces it", () => {
  for (const bug of Object.keys(MQ_BUGS) as MqBug[]) {
    it(`bug zoo: ${bug}: ${MQ_BUGS[bug].caughtBy} fails within 50 seeds, the same seed holds without the bug, and it shrinks to at most 3 faults`, async () => {
      const found = await firstFailure(bug, 50);
      expect(found, `${bug} not found in 50 seeds`).not.toBeNull();
      const failed = found!.result.checks.filter((c) => !c.passed).map((c) => c.name);
      expect(failed).toContain(MQ_BUGS[bug].caughtBy);
      // The nemesis draws its schedule from its own stream: without the bug the same crashes strike.
      const control = await run(mqBugZooScenario(bug, false, found!.seed), { recording: "off" });
      expect(control.schedule.faults).toEqual(found!.result.schedule.faults);
      expect(control.passed).toBe(true);
      const shrunk = await shrinkFaults(mqBugZooScenario(bug, true, found!.seed), found!.seed, { maxRuns: 120, recording: "off" });
      expect(shrunk.reproduced).toBe(true);
      expect(shrunk.faults.length).toBeLessThanOrEqual(3);
      expect(shrunk.result.passed).toBe(false);
      expect(shrunk.result.checks.find((c) => c.name === MQ_BUGS[bug].caughtBy)!.passed).toBe(false);
    }, 600_000);
  }
});
