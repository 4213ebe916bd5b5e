import type { RunResult } from "../../engine/result";

/**
 * The failures of a run as stable keys: `check:<name>` for each check that did not pass,
 * `expect:<text>` for each expectation that did not, and `stop:<reason>` when the run ended
 * abnormally. The shrinker compares these keys, not messages, because a smaller fault schedule
 * changes the message (other times, other nodes) but not which check caught the bug.
 */
export function failureKeys(result: RunResult): string[] {
  const keys: string[] = [];
  for (const c of result.checks) if (!c.passed) keys.push(`check:${c.name}`);
  for (const e of result.expectations) if (!e.passed) keys.push(`expect:${e.text}`);
  if (result.stopReason === "max-events" || result.stopReason === "interrupted") keys.push(`stop:${result.stopReason}`);
  return keys;
}

/**
 * The default "still fails" predicate of a shrink: the first failure of the original run (its
 * first failing check, else its first failing expectation, else its abnormal stop) fails again.
 * Holding on to that one failure keeps the shrinker from trading the bug the user asked about
 * for a different, easier one. `interrupted` is never a reason to keep a candidate: a wall-clock
 * stop says nothing about the schedule.
 */
export function sameFailure(original: RunResult): (candidate: RunResult) => boolean {
  const target = failureKeys(original).find((k) => k !== "stop:interrupted");
  if (target === undefined) return () => false;
  return (candidate) => failureKeys(candidate).includes(target);
}
