import { availableParallelism } from "node:os";
import type { RunResult } from "../../engine/result";
import type { RunReport } from "../../reports/report-input";
import { stableStringify } from "../../reports/json";
import { terminalSuite } from "../../reports/terminal";
import type { SuiteResult } from "../../scenarios/runner/sweep";
import type { SweepItem } from "../../scenarios/runner/work-list";
import { shardUnits, workList } from "../../scenarios/runner/work-list";
import type { CommandContext } from "../options";
import { CliError, ExitCode, worstExit } from "../exit-codes";
import { useColor } from "../io";
import { expandPaths } from "../expand-paths";
import { parseSeeds, parseShard, parseTimeout } from "../flag-values";
import { loadAll } from "../load-all";
import type { LoadedFile } from "../load-file";
import { progress } from "../progress";
import { replayPrefix, runLoaded } from "../run-file";
import { parseReportKinds, writeReportFiles } from "../write-reports";

/** Below this many runs, threads cost more to start (each loads the engine) than they save. */
export const MIN_RUNS_FOR_WORKERS = 8;

/** Report kinds that show a run's events, so failing runs are re-run to get their traces. */
const TRACE_KINDS = new Set(["md", "html", "perfetto"]);

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
  const timeoutMs = parseTimeout(flags.timeout);
  const seeds = flags.seeds === undefined ? undefined : parseSeeds(flags.seeds);
  const shard = flags.shard === undefined ? undefined : parseShard(flags.shard);
  const determinism = flags.determinism ?? false;
  const files = expandPaths(args, io.cwd);
  if (files.length === 0) throw new CliError(`no scenario files under ${args.join(", ")}`, 2, "scenario files end in .yaml, .yml or .json (files starting with _ are bases, skipped)");
  const loaded = await loadAll(files, io, sets);
  if (!loaded) return ExitCode.badInput;

  const items: SweepItem[] = loaded.map((l) => ({
    file: l.file, scenario: l.scenario, modules: l.modules, replay: replayPrefix(l.file, sets),
    ...(l.seeds ? { seeds: l.seeds } : {}),
  }));
  const units = shardUnits(workList(items, seeds), shard).length;
  const workers = flags.workers ?? autoWorkers(units, determinism);
  const bar = progress(io, determinism ? "check --determinism" : "check", units, { quiet: flags.json === true });
  const { sweep } = await import("../../scenarios/runner/sweep");
  const suite = await sweep(items, seeds, {
    workers, determinism, timeoutMs, ...(shard ? { shard } : {}),
    onProgress: (p) => bar.update(p.done, p.failed, `${p.unit.scenario} seed ${p.unit.seed}`),
  });
  bar.finish();

  if (flags.json) io.stdout(suiteJson(suite));
  else io.stdout(suiteText(suite, useColor(io)));
  if (kinds.length > 0) await writeReportFiles(io, kinds, await withTraces(suite.results, kinds, loaded, timeoutMs, sets), flags.out);
  return suiteExit(suite);
}

/**
 * Threads when they pay: none for a handful of runs, else one per core. The determinism check
 * needs two pools of at least one thread each, so the two copies of a seed run in different
 * threads.
 */
export function autoWorkers(units: number, determinism: boolean): number {
  const cores = availableParallelism();
  if (determinism) return Math.max(2, cores);
  return units < MIN_RUNS_FOR_WORKERS ? 0 : cores;
}

/** 3 if the runner broke, 2 if a scenario could not run, 1 if anything failed or differed, else 0. */
export function suiteExit(suite: SuiteResult): number {
  const codes: number[] = suite.errors.map((e) => (e.kind === "internal" ? ExitCode.internal : e.kind === "invalid" ? ExitCode.badInput : ExitCode.failed));
  if (suite.mismatches.length > 0 || suite.results.some((r) => !r.passed)) codes.push(ExitCode.failed);
  return worstExit(...codes);
}

/** The summary for a person: the reports' suite table, then mismatches, errors, and what ran. */
export function suiteText(suite: SuiteResult, color = false): string {
  const out: string[] = [terminalSuite(suite.results, { color }).trimEnd()];
  for (const m of suite.mismatches) {
    out.push(`  ✗ nondeterministic: ${m.unit.scenario} seed ${m.unit.seed} (${m.unit.file}): two runs differed`);
    out.push(`      ${m.message}`);
    if (m.divergence) {
      out.push(`      first difference, trace line ${m.divergence.line}:`);
      out.push(`        run 1: ${m.divergence.a ?? "(trace ended)"}`);
      out.push(`        run 2: ${m.divergence.b ?? "(trace ended)"}`);
    }
    const replay = suite.runs.find((r) => r.unit.index === m.unit.index)?.result?.replay;
    out.push(`      replay: ${replay ?? `${replayPrefix(m.unit.file)} --seed ${m.unit.seed}`}`);
  }
  for (const e of suite.errors) {
    const why = e.kind === "timeout" ? "hung" : e.kind === "invalid" ? "could not run" : "crashed the runner";
    out.push(`  ✗ ${e.scenario} seed ${e.seed} (${e.file}) ${why}: ${e.message.split("\n")[0]}`);
  }
  const shard = suite.shard ? ` (shard ${suite.shard.index}/${suite.shard.count} of ${suite.total})` : "";
  const where = suite.workers === 0 ? "in one thread" : `on ${suite.workers} worker thread${suite.workers === 1 ? "" : "s"}`;
  const det = suite.mismatches.length > 0 ? `; ${suite.mismatches.length} nondeterministic` : "";
  out.push(`${suite.runs.length} run${suite.runs.length === 1 ? "" : "s"}${shard} ${where} in ${(suite.wallTimeMs / 1000).toFixed(1)}s${det}`);
  return out.join("\n") + "\n";
}

/** The machine-readable suite: verdict and counts first, then every result, error and mismatch. */
export function suiteJson(suite: SuiteResult): string {
  const body = {
    passed: suite.passed, total: suite.total, runs: suite.runs.length, shard: suite.shard ?? null,
    workers: suite.workers, wallTimeMs: suite.wallTimeMs,
    failed: suite.results.filter((r) => !r.passed).length,
    results: suite.results, errors: suite.errors, mismatches: suite.mismatches,
  };
  return stableStringify(body, ["passed", "total", "runs", "failed", "shard", "workers", "wallTimeMs", "mismatches", "errors", "results"]) + "\n";
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
    const sim = await runLoaded(file, r.seed, { timeoutMs, sets });
    report.trace = sim.trace ? sim.trace.events() : null;
  }
  return reports;
}

