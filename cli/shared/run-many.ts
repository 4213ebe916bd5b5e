import type { Seed } from "../../engine/scenario";
import type { RunReport } from "../../reports/report-input";
import { InvalidScenarioError } from "../../engine/validate-scenario";
import { jsonReport, jsonSuite } from "../../reports/json";
import { terminalReport } from "../../reports/terminal";
import type { CommandContext } from "./command-spec";
import { CliError, ExitCode } from "./exit-codes";
import { useColor } from "./io";
import { loadAll } from "./load-all";
import { parseSeed, parseTimeout } from "./flag-values";
import { runLoaded, seedOf } from "./run-file";
import { parseReportKinds, writeReportFiles } from "./write-reports";
import { TraceWriter } from "./trace-writer";

/** What `run` and `replay` share; `replay` adds the event log before each summary. */
export interface RunManyOptions {
  /** Prints something before a run's summary (the replay's event log). */
  before?: (report: RunReport) => string;
}

/**
 * Runs each file once (its own seed or `--seed`), prints the readable summary of each (or the
 * JSON results with `--json`), and writes the asked-for reports. Every file is checked before
 * any runs.
 */
export async function runMany({ args, flags, io }: CommandContext, options: RunManyOptions = {}): Promise<number> {
  const sets = flags.set ?? [];
  const kinds = await parseReportKinds(flags.report);
  const timeoutMs = parseTimeout(flags.timeout);
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
      const sim = await runLoaded(file, runSeed, { timeoutMs, sets, ...(traceFile ? { traceSink: traceFile.sink } : {}) });
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
      if (report.result.stopReason === "interrupted") io.stderr(`clustersim: ${file.file} stopped at its wall-clock limit (--timeout ${flags.timeout ?? "60s"})\n`);
    }
    reports.push(report);
  }
  traces.report(io);
  // Reports first: a write that fails (CS813) must leave one JSON document on stdout, the error's.
  await writeReportFiles(io, kinds, reports.length === 1 ? reports[0] : reports, flags.out);
  if (flags.json) io.stdout(reports.length === 1 ? jsonReport(reports[0].result) : jsonSuite(reports.map((r) => r.result)));
  return reports.every((r) => r.result.passed) ? ExitCode.ok : ExitCode.failed;
}
