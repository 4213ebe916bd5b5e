/**
 * clustersim's engine as a library: `run(scenario)` gives a JSON result, `simulate(scenario)`
 * also the trace and the history. Pure TypeScript: it runs in Node, in workers and in browsers.
 */
import type { Scenario } from "./scenario";
import type { RunOptions, Simulation } from "./run-options";
import type { RunResult } from "./result";
import { simulateWith } from "./simulate";
import { builtinCheckers, builtinProcesses } from "./systems/catalog";

/** Runs a scenario with the built-in catalogs (or the options' own) and returns its trace too. */
export function simulate(scenario: Scenario, options: RunOptions = {}): Promise<Simulation> {
  return simulateWith(scenario, options, options.catalog ?? builtinProcesses, options.checkers ?? builtinCheckers);
}

/** Runs a scenario and returns its JSON-serialisable result; it keeps no history unless asked. */
export async function run(scenario: Scenario, options: RunOptions = {}): Promise<RunResult> {
  return (await simulate(scenario, { keepHistory: false, traceKeep: 0, ...options })).result;
}

export * from "./core/time";
export type { Json, JsonObject } from "./core/json";
export type { Rng } from "./core/rng";
export { createStream } from "./core/streams";
export * from "./scenario";
export type * from "./run-options";
export type * from "./result";
export type { LatencySpec, LinkSpec } from "./net/latency-spec";
export { latencySampler, latencyMean } from "./net/latency";
export * from "./node/runtime-api";
export type { TraceEvent, TraceKind, DropReason } from "./trace/trace-event";
export type { Trace } from "./trace/trace";
export { canonicalJson } from "./trace/canonical";
export { hashString, Hash64 } from "./trace/hash";
export { TRACE_VERSION } from "./trace/trace-version";
export type * from "./check/checker";
export { isPostRun } from "./check/checker";
export { replayChecker } from "./check/replay-checker";
export { judgeAcrossSeeds, judgeScenarioAcrossSeeds, conditionHolds, ACROSS_SEEDS_CONFIDENCE } from "./check/across-seeds";
export type { AcrossSeedsVerdict, AcrossSeedsStatus } from "./check/across-seeds";
export { wilsonInterval, meanInterval, studentTQuantile, normalQuantile } from "./check/statistics/index";
export type { Interval, MeanInterval } from "./check/statistics/index";
export type * from "./metrics/metrics-snapshot";
export { Histogram } from "./metrics/histogram";
export { InvalidScenarioError, validateScenario } from "./validate-scenario";
export { builtinProcesses, builtinCheckers } from "./systems/catalog";
export { drawNemesis } from "./faults/nemesis";
