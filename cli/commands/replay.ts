import { formatMicros } from "../../engine/core/time";
import type { RunReport } from "../../reports/report-input";
import { describeEvent, indexTrace } from "../../reports/trace-index";
import type { CommandContext } from "../shared/command-spec";
import { runMany } from "../shared/run-many";

/** Most events the replay prints; beyond that the HTML or Perfetto report shows the rest. */
export const MAX_REPLAY_EVENTS = 2_000;

/** Trace kinds too noisy to print one by one: state patches and metric samples. */
const QUIET_KINDS = new Set(["state", "metric"]);

/**
 * `clustersim replay FILE --seed N`: runs the file with that seed, exactly as it ran before
 * (same seed, same scenario, same bytes), and prints the run as it happened, event by event,
 * before the summary.
 */
export default function replay(ctx: CommandContext): Promise<number> {
  return runMany(ctx, { before: eventLog });
}

/** The run's events as readable lines: time, then what happened. */
export function eventLog(report: RunReport): string {
  const trace = report.trace;
  if (!trace) return "";
  const index = indexTrace(trace);
  const shown = trace.filter((e) => !QUIET_KINDS.has(e.kind));
  const lines = shown.slice(0, MAX_REPLAY_EVENTS).map((e) => `  ${formatMicros(e.t).padEnd(10)}${describeEvent(e, index)}`);
  if (shown.length > MAX_REPLAY_EVENTS) {
    lines.push(`  … ${shown.length - MAX_REPLAY_EVENTS} more events; --report html or --report perfetto shows them all`);
  }
  return `Replay of ${report.result.scenario}, seed ${report.result.seed}: ${shown.length} events\n${lines.join("\n")}\n\n`;
}
