import type { RunResult } from "../engine/result";
import { compareSeeds } from "./format";

/** All runs of one scenario in a suite, in seed order. */
export interface ScenarioGroup {
  scenario: string;
  runs: RunResult[];
  failed: RunResult[];
  /** The failing run with the lowest seed: the one to replay first. */
  firstFailing: RunResult | undefined;
}

/**
 * Groups a suite's runs by scenario. Workers finish in any order, so runs are sorted by seed and
 * groups by name, with failing scenarios first: the same suite gives the same report every time.
 */
export function groupByScenario(results: readonly RunResult[]): ScenarioGroup[] {
  const byName = new Map<string, RunResult[]>();
  for (const r of results) {
    const list = byName.get(r.scenario);
    if (list === undefined) byName.set(r.scenario, [r]);
    else list.push(r);
  }
  const groups: ScenarioGroup[] = [];
  for (const [scenario, runs] of byName) {
    runs.sort((a, b) => compareSeeds(a.seed, b.seed));
    const failed = runs.filter((r) => !r.passed);
    groups.push({ scenario, runs, failed, firstFailing: failed[0] });
  }
  groups.sort((a, b) => {
    const fa = a.failed.length > 0 ? 0 : 1, fb = b.failed.length > 0 ? 0 : 1;
    if (fa !== fb) return fa - fb;
    return a.scenario < b.scenario ? -1 : a.scenario > b.scenario ? 1 : 0;
  });
  return groups;
}

/** Totals over a suite. */
export function suiteTotals(results: readonly RunResult[]): { runs: number; passed: number; failed: number; scenarios: number } {
  const passed = results.filter((r) => r.passed).length;
  return { runs: results.length, passed, failed: results.length - passed, scenarios: new Set(results.map((r) => r.scenario)).size };
}
