import { formatMicros } from "../../engine/core/time";
import type { Seed } from "../../engine/scenario";
import type { RunResult } from "../../engine/result";
import type { RunReport } from "../../reports/report-input";
import { InvalidScenarioError } from "../../engine/validate-scenario";
import { jsonReport, jsonSuite } from "../../reports/json";
import { terminalReport } from "../../reports/terminal";
import type { CommandContext } from "./command-spec";
import { CliError, ExitCode, worstExit } from "./exit-codes";
import { useColor } from "./io";
import { loadAll } from "./load-all";
import { DEFAULT_TIMEOUT, parseLang, parseSeed, parseTimeout } from "./flag-values";
import { runLoaded, seedOf } from "./run-file";
import { parseExportOptions, parseReportKinds, writeReportFiles } from "./write-reports";
import { TraceWriter } from "./trace-writer";
import { WallDeadline } from "../../scenarios/runner/wall-deadline";
import { formatCount } from "../../reports/format";

/** What `run` and `replay` share; `replay` adds the event log before each summary. */
export interface RunManyOptions {
  /** Prints something before a run's summary (the replay's event log). */
  before?: (report: RunReport) => string;
}

/**
 * Runs each file once (its own seed or `--seed`), prints the readable summary of each (or the
 * JSON results with `--json`), and writes the asked-for reports. Every file is checked before
 * any runs. `--timeout` limits the whole command: each run stops early enough for what follows
 * it to fit (CS810 says when a run was stopped), and reports not yet written when the limit has
 * run out are left unwritten, and said so, rather than overrun it.
 */
export async function runMany({ args, flags, io }: CommandContext, options: RunManyOptions = {}): Promise<number> {
  const sets = flags.set ?? [];
  const kinds = await parseReportKinds(flags.report);
  const exportOptions = { ...(await parseExportOptions(flags.epoch)), lang: parseLang(flags.lang) };
  // One limit for the whole command, counted from its start (the process's, for the real one).
  const deadline = new WallDeadline(parseTimeout(flags.timeout), io.startedAt);
  const limit = flags.timeout ?? DEFAULT_TIMEOUT;
  const seed: Seed | undefined = flags.seed === undefined ? undefined : parseSeed(flags.seed);
  const loaded = await loadAll(args, io, sets, { json: flags.json });
  if (!loaded) return ExitCode.badInput;
  const color = useColor(io);
  const reports: RunReport[] = [];
  const traces = new TraceWriter(io.cwd, flags.trace, loaded.length > 1);
  for (const file of loaded) {
    let report: RunReport;
    const runSeed = seedOf(file, seed);
    const traceFile = traces.open(file.scenario.name, runSeed);
    try {
      const sim = await runLoaded(file, runSeed, { deadline, sets, ...(traceFile ? { traceSink: traceFile.sink } : {}) });
      report = { result: sim.result, trace: sim.trace ? sim.trace.reportEvents() : null };
      traceFile?.commit();
    } catch (e) {
      traceFile?.abort();
      if (e instanceof InvalidScenarioError) throw new CliError("CS808", `${file.file}: ${e.message}`);
      throw e;
    }
    if (!flags.json) {
      if (reports.length > 0) io.stdout("\n");
      if (options.before) io.stdout(options.before(report));
      io.stdout(terminalReport(report, { color }));
    }
    if (report.result.stopReason === "interrupted") io.stderr(limitReached(file.file, report.result, file.scenario.duration, limit));
    reports.push(report);
  }
  traces.report(io);
  // Reports first: a write that fails (CS813) must leave one JSON document on stdout, the error's.
  if (kinds.length > 0 && deadline.passed()) {
    io.stderr(`clustersim: error CS810: the wall-clock limit (--timeout ${limit}) ran out before the reports; ${kinds.join(", ")} not written\n  raise --timeout (--timeout 0 for none) or shorten the run\n`);
  } else {
    await writeReportFiles(io, kinds, reports.length === 1 ? reports[0] : reports, flags.out, exportOptions);
  }
  if (flags.json) io.stdout(reports.length === 1 ? jsonReport(reports[0].result) : jsonSuite(reports.map((r) => r.result)));
  return worstExit(...reports.map((r) => runExit(r.result)));
}

/** 0 passed; 4 stopped by the wall-clock limit with no check violated (undecided); else 1. */
export function runExit(result: RunResult): number {
  if (result.passed) return ExitCode.ok;
  if (result.stopReason === "interrupted" && result.checks.every((c) => c.passed)) return ExitCode.unknown;
  return ExitCode.failed;
}

/** CS810 for a run the limit stopped: how far it got, and what to change. */
function limitReached(file: string, result: RunResult, duration: number, limit: string): string {
  const { virtualTime, events } = result.stats;
  return `clustersim: error CS810: ${file} stopped at the wall-clock limit (--timeout ${limit}) after ${formatMicros(virtualTime)} of its ${formatMicros(duration)} of virtual time (${formatCount(events)} events); its checks and expectations judge only that part\n`
    + `  raise --timeout (--timeout 0 for none), or shorten the run (--set duration=..., a lower workload.rate)\n`;
}
