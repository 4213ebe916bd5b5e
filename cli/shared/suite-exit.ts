import { availableParallelism } from "node:os";
import type { SuiteResult } from "../../scenarios/runner/sweep";
import { ExitCode, worstExit } from "./exit-codes";

/** Below this many runs, threads cost more to start (each loads the engine) than they save. */
export const MIN_RUNS_FOR_WORKERS = 8;

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

/** 3 if the runner broke, 2 if a scenario could not run, 1 if anything failed, differed or was refuted across seeds, else 0. */
export function suiteExit(suite: SuiteResult): number {
  const codes: number[] = suite.errors.map((e) => (e.kind === "internal" ? ExitCode.internal : e.kind === "invalid" ? ExitCode.badInput : ExitCode.failed));
  if (suite.mismatches.length > 0 || suite.results.some((r) => !r.passed) || suite.acrossSeeds.some((v) => !v.passed)) codes.push(ExitCode.failed);
  return worstExit(...codes);
}
