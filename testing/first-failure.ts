import type { RunResult } from "../engine/result";
import { formatMeasured } from "../reports/format";
import { formatMicros } from "../engine/core/time";

/**
 * One line that says how a failed run failed, for a test log: the first check that did not
 * pass (its first violation, with the virtual time and nodes that show it, or that it held where
 * the scenario expected it to be violated), else the first metric expectation that did not hold
 * with what was measured, else why the run stopped early.
 */
export function firstFailure(result: RunResult): string {
  for (const check of result.checks) {
    if (check.passed) continue;
    if (check.status === "held") return `check ${check.name} held, but the scenario expects it to be violated (expect: violate)`;
    const v = check.violations[0];
    if (!v) return `check ${check.name} was violated`;
    const where = v.nodes.length > 0 ? ` on ${v.nodes.join(", ")}` : "";
    return `check ${check.name} violated at ${formatMicros(v.t)}${where}: ${v.message}`;
  }
  for (const exp of result.expectations) {
    if (!exp.passed) return `expectation ${exp.text} failed: measured ${formatMeasured(exp)}`;
  }
  if (result.stopReason !== "duration" && result.stopReason !== "idle") return `the run stopped early (${result.stopReason})`;
  return "the run did not pass";
}
