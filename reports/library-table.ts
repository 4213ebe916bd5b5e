import type { RunResult } from "../engine/result";
import type { SuiteResult } from "../scenarios/runner/sweep";
import { formatMeasured, formatSeed, splitExpectation, truncate } from "./format";

/** One row of the library table: a scenario over its seeds. */
export interface LibraryRow {
  scenario: string;
  seeds: string;
  passed: number;
  failed: number;
  /** Measured values of the first seed's run: its expectations, else its checks' verdicts. */
  values: string;
  /** Trace hash of the first seed's run. */
  traceHash: string;
}

/** Seeds as a person writes them: `1..5` for a run of consecutive seeds, else a list. */
export function seedsText(seeds: readonly RunResult["seed"][]): string {
  if (seeds.length === 0) return "";
  const nums = seeds.filter((s): s is number => typeof s === "number");
  if (nums.length === seeds.length && seeds.length > 2 && nums.every((s, i) => i === 0 || s === nums[i - 1] + 1)) return `${nums[0]}..${nums[nums.length - 1]}`;
  return seeds.map(formatSeed).join(",");
}

/** What a run measured, in a few words: `p99(latency)=11.7ms`, or `atomicity violated (expected)`. */
export function keyValues(r: RunResult): string {
  if (r.expectations.length > 0) return r.expectations.slice(0, 2).map((e) => `${splitExpectation(e).subject}=${formatMeasured(e)}`).join(" ");
  if (r.checks.length > 0) {
    return r.checks.slice(0, 2).map((c) => `${c.name} ${c.status}${c.expected === "violate" ? " (expected)" : ""}`).join(", ");
  }
  return `${r.stats.messages.sent} messages`;
}

/** One row per scenario, in the order the suite ran them. */
export function libraryRows(suite: SuiteResult): LibraryRow[] {
  const rows = new Map<string, { runs: RunResult[]; errors: number }>();
  for (const run of suite.runs) {
    const key = run.unit.scenario;
    const row = rows.get(key) ?? { runs: [], errors: 0 };
    if (run.result) row.runs.push(run.result);
    else row.errors++;
    rows.set(key, row);
  }
  return [...rows].map(([scenario, { runs, errors }]) => ({
    scenario,
    seeds: seedsText(suite.runs.filter((x) => x.unit.scenario === scenario).map((x) => x.unit.seed)),
    passed: runs.filter((r) => r.passed).length,
    failed: runs.filter((r) => !r.passed).length + errors,
    values: runs[0] ? keyValues(runs[0]) : "did not run",
    traceHash: runs[0]?.traceHash ?? "-",
  }));
}

/** The table `npm start` prints. */
export function libraryTable(rows: readonly LibraryRow[]): string {
  const head = ["SCENARIO", "SEEDS", "PASSED", "FAILED", "MEASURED (first seed)", "TRACE HASH (first seed)"];
  const cells = rows.map((r) => [r.scenario, r.seeds, String(r.passed), String(r.failed), truncate(r.values, 60), r.traceHash]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((x, i) => (i === c.length - 1 ? x : x.padEnd(widths[i]))).join("  ");
  return [line(head), ...cells.map(line)].join("\n") + "\n";
}
