import { describe, expect, it } from "vitest";
import type { CheckResult } from "../engine/result";
import { checkDetail, checkVerdict, failures, firstViolation } from "./verdicts";
import { twoPhaseCommitRun } from "./fixtures/two-phase-commit";

/** A check of a teaching scenario that must catch a violation. */
function mustViolate(caught: boolean): CheckResult {
  const run = twoPhaseCommitRun();
  const c = run.result.checks[0];
  return { ...c, name: "blocking", expected: "violate", status: caught ? "violated" : "held", passed: caught, violations: caught ? c.violations : [] };
}

describe("verdicts", () => {
  it("verdict: a check expected to be violated passes when it is, and says so", () => {
    const c = mustViolate(true);
    expect(checkVerdict(c)).toBe("violated, as expected");
    const { result } = twoPhaseCommitRun();
    result.checks = [c];
    result.expectations = [];
    expect(failures(result)).toEqual([]);
  });

  it("verdict: a silent checker fails a scenario that expects a violation, as a missed violation", () => {
    const c = mustViolate(false);
    expect(checkVerdict(c)).toBe("held, but a violation was expected");
    expect(checkDetail(c)).toBe("the checker stayed silent: the scenario expects it to catch a violation");
    const { result } = twoPhaseCommitRun();
    result.checks = [c];
    result.expectations = [];
    expect(failures(result)).toEqual([{ type: "missed-violation", message: "blocking: the checker stayed silent: the scenario expects it to catch a violation", error: false }]);
  });

  it("first violation: a failing check's violation wins over an earlier expected one", () => {
    const { result } = twoPhaseCommitRun();
    const expected = mustViolate(true);
    expected.violations = [{ ...expected.violations[0], check: "blocking", t: 1, message: "taught" }];
    result.checks = [expected, ...result.checks];
    expect(firstViolation(result)?.check).toBe("atomic-commit");
    result.checks = [expected];
    expect(firstViolation(result)?.message).toBe("taught");
  });

  it("failures: checks first, then expectations, then an abnormal stop as an error", () => {
    const { result } = twoPhaseCommitRun();
    result.stopReason = "interrupted";
    expect(failures(result).map((f) => [f.type, f.error])).toEqual([["violation", false], ["expectation", false], ["interrupted", true]]);
  });
});
