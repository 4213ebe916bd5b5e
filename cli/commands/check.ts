import type { RunResult } from "../../engine/result";
import type { RunReport } from "../../reports/report-input";
import { suiteSummaryJson, suiteSummaryText } from "../../reports/sweep-summary";
import type { SweepItem } from "../../scenarios/runner/work-list";
import { shardUnits, workList } from "../../scenarios/runner/work-list";
import type { CommandContext } from "../shared/command-spec";
import { CliError, ExitCode } from "../shared/exit-codes";
import { autoWorkers, suiteExit } from "../shared/suite-exit";
import { useColor } from "../shared/io";
import { expandPaths } from "../shared/expand-paths";
import { parseLang, parseSeeds, parseShard, parseTimeout } from "../shared/flag-values";
import { loadAll } from "../shared/load-all";
import type { LoadedFile } from "../shared/load-file";
import { progress } from "../shared/progress";
import { replayPrefix, runLoaded } from "../shared/run-file";
import { WallDeadline } from "../../scenarios/runner/wall-deadline";
import { parseExportOptions, parseReportKinds, writeReportFiles } from "../shared/write-reports";

/** Report kinds that show a run's events, so failing runs are re-run to get their traces. */
const TRACE_KINDS = new Set(["md", "html", "perfetto", "ecs", "gelf"]);

/** Most failing scenarios re-run for trace-based reports: the first ones tell the story. */
const MAX_TRACED_FAILURES = 10;

/**
 * `clustersim check PATH... [--seeds A..B] [--workers N] [--shard i/n] [--determinism]`: every
 * scenario file under the paths × every seed, in parallel worker threads; a summary that lists
 * each failing scenario with its first failing seed and the command that replays it.
 */
export default async function check({ args, flags, io }: CommandContext): Promise<number> {
  const sets = flags.set ?? [];
  const kinds = await parseReportKinds(flags.report);
  const exportOptions = { ...(await parseExportOptions(flags.epoch)), lang: parseLang(flags.lang) };
  const timeoutMs = parseTimeout(flags.timeout);
  const seeds = flags.seeds === undefined ? undefined : parseSeeds(flags.seeds);
  const shard = flags.shard === undefined ? undefined : parseShard(flags.shard);
  const determinism = flags.determinism ?? false;
  const files = expandPaths(args, io.cwd);
  if (files.length === 0) throw new CliError("CS806", `no scenario files under ${args.join(", ")}`, "scenario files end in .yaml, .yml or .json (files starting with _ are bases, skipped)");
  const loaded = await loadAll(files, io, sets, { json: flags.json });
  if (!loaded) return ExitCode.badInput;

  const items: SweepItem[] = loaded.map((l) => ({
    file: l.file, scenario: l.scenario, modules: l.modules, replay: replayPrefix(l.file, sets),
    ...(l.seeds ? { seeds: l.seeds } : {}),
  }));
  const units = shardUnits(workList(items, seeds), shard).length;
  const workers = flags.workers ?? autoWorkers(units, determinism);
  const bar = progress(io, determinism ? "check --determinism" : "check", units, { quiet: flags.json === true });
  const { sweep } = await import("../../scenarios/runner/sweep");
  // Ctrl-C stops the workers and keeps what finished: summary, reports, exit 130. Once the
  // sweep has ended (or after a first Ctrl-C), Ctrl-C kills the process as usual.
  const stop = new AbortController();
  const release = io.onInterrupt?.(() => stop.abort());
  let suite;
  try {
    suite = await sweep(items, seeds, {
      workers, determinism, timeoutMs, ...(shard ? { shard } : {}), signal: stop.signal,
      onProgress: (p) => bar.update(p.done, p.failed, `${p.unit.scenario} seed ${p.unit.seed}`),
    });
  } finally {
    release?.();
  }
  bar.finish();

  // With --json the document comes after the reports are written, so a write that fails (CS813)
  // leaves one document on stdout, the error's, not two.
  if (!flags.json) io.stdout(suiteSummaryText(suite, { color: useColor(io), replayPrefix: (file) => replayPrefix(file) }));
  if (kinds.length > 0) await writeReportFiles(io, kinds, await withTraces(suite.results, kinds, loaded, timeoutMs, sets), flags.out, { ...exportOptions, markdown: { acrossSeeds: suite.acrossSeeds } });
  if (flags.json) io.stdout(suiteSummaryJson(suite));
  if (suite.interrupted) {
    io.stderr(`clustersim: check interrupted after ${suite.runs.length} of ${suite.total} runs (exit ${ExitCode.interrupted})\n`);
    return ExitCode.interrupted;
  }
  return suiteExit(suite);
}

/**
 * Reports for a suite. Workers send no traces back (they would be megabytes per run), so for
 * the kinds that show events, the first failing seed of each failing scenario runs once more
 * here with its trace: the same seed gives the same run, so this is the run that failed.
 */
async function withTraces(results: readonly RunResult[], kinds: readonly string[], loaded: readonly LoadedFile[], timeoutMs: number, sets: readonly string[]): Promise<RunReport[]> {
  const reports: RunReport[] = results.map((result) => ({ result }));
  if (!kinds.some((k) => TRACE_KINDS.has(k))) return reports;
  const byName = new Map(loaded.map((l) => [l.scenario.name, l]));
  const traced = new Set<string>();
  for (const report of reports) {
    const r = report.result;
    if (r.passed || traced.has(r.scenario) || traced.size >= MAX_TRACED_FAILURES) continue;
    const file = byName.get(r.scenario);
    if (!file) continue;
    traced.add(r.scenario);
    // Each re-run has the per-run limit the workers' runs had.
    const sim = await runLoaded(file, r.seed, { deadline: new WallDeadline(timeoutMs), sets });
    report.trace = sim.trace ? sim.trace.reportEvents() : null;
  }
  return reports;
}

