import { describe, expect, it } from "vitest";
import { run } from "../../index";
import type { Scenario } from "../../scenario";
import { shrinkFaults } from "../../../scenarios/runner/shrink";
import { cacheNeverExpires, halfOpenLetsAllThrough, leakOnTimeout } from "./bug-zoo-scenarios";

/** Seeds a random nemesis gets to find a bug in; the same seeds must pass without the bug. */
const SEEDS = 10;

const zoo: Array<[string, string, (bug: boolean) => Scenario]> = [
  ["registry client cache-never-expires", "no-stale-routing", cacheNeverExpires],
  ["breaker half-open-lets-all-through", "breaker-probes", halfOpenLetsAllThrough],
  ["least-connections leak-on-timeout", "instances-share-load", leakOnTimeout],
];

describe("bug zoo: the nemesis and the checkers find each bug, and the shrinker reduces it", () => {
  for (const [bug, check, scenario] of zoo) {
    it(`bug zoo: ${bug}: found by ${check} within ${SEEDS} seeds, absent without the bug, shrunk to at most 3 faults`, async () => {
      let failing: number | null = null;
      for (let seed = 1; seed <= SEEDS && failing === null; seed++) {
        const r = await run(scenario(true), { seed, recording: "off" });
        if (!r.passed) {
          expect(r.checks.filter((c) => !c.passed).map((c) => c.name)).toEqual([check]);
          failing = seed;
        }
      }
      expect(failing).not.toBeNull();
      for (let seed = 1; seed <= SEEDS; seed++) {
        const r = await run(scenario(false), { seed, recording: "off" });
        expect({ seed, passed: r.passed }).toEqual({ seed, passed: true });
      }
      const shrunk = await shrinkFaults(scenario(true), failing!, { maxRuns: 80, recording: "off" });
      expect(shrunk.reproduced).toBe(true);
      expect(shrunk.result.checks.find((c) => c.name === check)!.passed).toBe(false);
      expect(shrunk.faults.length).toBeGreaterThan(0);
      expect(shrunk.faults.length).toBeLessThanOrEqual(3);
      // The shrunk schedule is a plain scripted scenario: it fails again without the nemesis.
      const again = await run(shrunk.scenario, { seed: failing!, recording: "off" });
      expect(again.checks.find((c) => c.name === check)!.passed).toBe(false);
    }, 600_000);
  }
});
