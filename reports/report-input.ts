import type { RunResult } from "../engine/result";
import type { TraceEvent } from "../engine/trace/trace-event";

/**
 * One run as the report writers see it: the result, and the decoded trace when the run recorded
 * one. Writers never need the engine's `Trace` object, so a result read back from JSON, a run
 * from a worker, or a hand-built fixture can all be reported the same way.
 */
export interface RunReport {
  result: RunResult;
  /** The decoded trace events in `seq` order; null or absent when recording was off. */
  trace?: readonly TraceEvent[] | null;
}

/** What `renderReports` takes: one run, or many runs (scenarios × seeds). */
export type ReportInput = RunReport | readonly RunReport[];

/** Turns either form of input into a list, so the suite writers and the single writers share one path. */
export function toRunReports(input: ReportInput): readonly RunReport[] {
  return isRunReportList(input) ? input : [input];
}

function isRunReportList(input: ReportInput): input is readonly RunReport[] {
  return Array.isArray(input);
}
