import { formatMicros } from "../engine/core/time";
import type { CheckResult, ExpectationResult, RunResult, StopReason } from "../engine/result";
import type { Violation } from "../engine/check/checker";
import { expectationText, formatMeasured } from "./format";

/** Stop reasons that mean the run did not end the way the scenario said it would. */
const ABNORMAL: ReadonlySet<StopReason> = new Set(["max-events", "max-time", "interrupted"]);

/** True when the run hit a limit or was interrupted: an error rather than a failed check. */
export function isAbnormalStop(reason: StopReason): boolean {
  return ABNORMAL.has(reason);
}

/**
 * The first violation of a failing check, by virtual time (ties by check order). Violations of
 * checks expected to be violated are teaching material, not failures, so they are skipped unless
 * nothing else failed; then the first of those is shown, since it is still the run's story.
 */
export function firstViolation(result: RunResult): Violation | undefined {
  const failing = earliest(result.checks.filter((c) => !c.passed));
  return failing ?? earliest(result.checks);
}

function earliest(checks: readonly CheckResult[]): Violation | undefined {
  let best: Violation | undefined;
  for (const c of checks) {
    for (const v of c.violations) if (best === undefined || v.t < best.t) best = v;
  }
  return best;
}

/** A check's verdict in words, taking its expectation into account. */
export function checkVerdict(c: CheckResult): string {
  if (c.expected === "violate") return c.status === "violated" ? "violated, as expected" : "held, but a violation was expected";
  if (c.expected === "any") return `${c.status} (judged across seeds)`;
  return c.status;
}

/** A check's one-line explanation: the first violation, or why a silent checker fails. */
export function checkDetail(c: CheckResult): string {
  const v = c.violations[0];
  if (v !== undefined) {
    const more = c.violations.length > 1 ? ` (and ${c.violations.length - 1} more)` : "";
    const where = v.nodes.length > 0 ? ` on ${v.nodes.join(", ")}` : "";
    return `at ${formatMicros(v.t)}${where}: ${v.message}${more}`;
  }
  if (c.expected === "violate") return "the checker stayed silent: the scenario expects it to catch a violation";
  return c.findings[0]?.message ?? c.description;
}

/** An expectation's verdict: its text and what was measured. */
export function expectationDetail(e: ExpectationResult): string {
  return `${expectationText(e)}: measured ${formatMeasured(e)}`;
}

/** Why a run failed, in one short type and one message, as JUnit and summaries want it. */
export interface FailureSummary {
  /** `violation`, `missed-violation`, `expectation`, or the abnormal stop reason. */
  type: string;
  message: string;
  /** True for an abnormal stop, which CI tools call an error rather than a failure. */
  error: boolean;
}

/** Every reason the run failed, checks first, then expectations, then an abnormal stop. */
export function failures(result: RunResult): FailureSummary[] {
  const out: FailureSummary[] = [];
  for (const c of result.checks) {
    if (c.passed) continue;
    out.push({
      type: c.status === "violated" ? "violation" : "missed-violation",
      message: `${c.name}: ${checkDetail(c)}`,
      error: false,
    });
  }
  for (const e of result.expectations) {
    if (!e.passed) out.push({ type: "expectation", message: `expectation failed: ${expectationDetail(e)}`, error: false });
  }
  if (isAbnormalStop(result.stopReason)) {
    out.push({ type: result.stopReason, message: `the run stopped early: ${stopReasonText(result.stopReason)}`, error: true });
  }
  return out;
}

/** The stop reason in words. */
export function stopReasonText(reason: StopReason): string {
  switch (reason) {
    case "duration": return "reached the scenario's duration";
    case "idle": return "nothing left to do";
    case "max-events": return "hit the event limit (limits.maxEvents)";
    case "max-time": return "hit the virtual time limit (limits.maxTime)";
    case "interrupted": return "interrupted by the host";
  }
}
