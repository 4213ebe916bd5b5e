import type { SuiteResult } from "../scenarios/runner/sweep";
import { stableStringify } from "./json";
import { terminalAcrossSeeds, terminalSuite } from "./terminal";

/** How the summary is drawn: colour, and the replay command of a file when a run carries none. */
export interface SuiteSummaryOptions {
  color?: boolean;
  replayPrefix: (file: string) => string;
}

/**
 * A sweep's summary for a person: the suite table, the verdicts across seeds, then each nondeterministic seed with its
 * first differing trace line, each run that hung or could not run, and what ran where.
 */
export function suiteSummaryText(suite: SuiteResult, options: SuiteSummaryOptions): string {
  const color = options.color ?? false;
  const out: string[] = [];
  if (suite.interrupted) out.push(`✗ interrupted (Ctrl-C) after ${suite.runs.length} of ${suite.total} runs; the results so far:`);
  // The suite table counts only runs that gave a result; say first that some did not.
  if (suite.errors.length > 0) out.push(`✗ ${suite.errors.length} of ${suite.runs.length} runs gave no result (listed below); the others:`);
  out.push(terminalSuite(suite.results, { color }).trimEnd());
  const across = terminalAcrossSeeds(suite.acrossSeeds, { color }).trimEnd();
  if (across !== "") out.push(across);
  for (const m of suite.mismatches) {
    out.push(`  ✗ nondeterministic: ${m.unit.scenario} seed ${m.unit.seed} (${m.unit.file}): two runs differed`);
    out.push(`      ${m.message}`);
    if (m.divergence) {
      out.push(`      first difference, trace line ${m.divergence.line}:`);
      out.push(`        run 1: ${m.divergence.a ?? "(trace ended)"}`);
      out.push(`        run 2: ${m.divergence.b ?? "(trace ended)"}`);
    }
    const replay = suite.runs.find((r) => r.unit.index === m.unit.index)?.result?.replay;
    out.push(`      replay: ${replay ?? `${options.replayPrefix(m.unit.file)} --seed ${m.unit.seed}`}`);
  }
  for (const e of suite.errors) {
    const why = e.kind === "timeout" ? "hung" : e.kind === "invalid" ? "could not run" : "crashed the runner";
    out.push(`  ✗ ${e.scenario} seed ${e.seed} (${e.file}) ${why}: ${e.message.split("\n")[0]}`);
    if (e.replay) out.push(`      replay: ${e.replay}`);
  }
  const shard = suite.shard ? ` (shard ${suite.shard.index}/${suite.shard.count} of ${suite.total})` : "";
  const where = suite.workers === 0 ? "in one thread" : `on ${suite.workers} worker thread${suite.workers === 1 ? "" : "s"}`;
  const det = suite.mismatches.length > 0 ? `; ${suite.mismatches.length} nondeterministic` : "";
  out.push(`${suite.runs.length} run${suite.runs.length === 1 ? "" : "s"}${shard} ${where} in ${(suite.wallTimeMs / 1000).toFixed(1)}s${det}`);
  return out.join("\n") + "\n";
}

/** The machine-readable suite: verdict and counts first, then every result, error and mismatch. */
export function suiteSummaryJson(suite: SuiteResult): string {
  const body = {
    passed: suite.passed, ...(suite.interrupted ? { interrupted: true } : {}), total: suite.total, runs: suite.runs.length, shard: suite.shard ?? null,
    workers: suite.workers, wallTimeMs: suite.wallTimeMs,
    failed: suite.results.filter((r) => !r.passed).length,
    acrossSeeds: suite.acrossSeeds, results: suite.results, errors: suite.errors, mismatches: suite.mismatches,
  };
  return stableStringify(body, ["passed", "interrupted", "total", "runs", "failed", "shard", "workers", "wallTimeMs", "acrossSeeds", "mismatches", "errors", "results"]) + "\n";
}
