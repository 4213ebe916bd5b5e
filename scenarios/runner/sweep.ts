import { availableParallelism } from "node:os";
import type { Seed } from "../../engine/scenario";
import type { Recording } from "../../engine/run-options";
import type { RunResult } from "../../engine/result";
import type { RunError, SweepTask, TaskOutcome } from "./run-task";
import { runTaskWithModules } from "./run-task";
import type { Shard, SweepItem, WorkUnit } from "./work-list";
import { shardUnits, workList } from "./work-list";
import type { TaskPool } from "./task-pool";
import { openPool } from "./task-pool";
import type { DeterminismMismatch } from "./determinism";
import { compareOutcomes } from "./determinism";
import type { SuiteAcrossSeeds } from "./sweep-across-seeds";
import { sweepAcrossSeeds } from "./sweep-across-seeds";

/** Options of `sweep`. */
export interface SweepOptions {
  /**
   * Worker threads; 0 runs everything in this thread, one run after another. Default: one per
   * core (`os.availableParallelism()`), never more than there are runs.
   */
  workers?: number;
  /** Run only this part of the (scenario × seed) list; see `shardUnits` for how it splits. */
  shard?: Shard;
  /** Run every seed twice, in two different workers, and report any trace or digest mismatch. */
  determinism?: boolean;
  /** Default `full`: checkers see the trace and results carry a trace hash, as in `clustersim run`. */
  recording?: Recording;
  /** Wall-clock limit per run in milliseconds; default 60,000 (`DEFAULT_TIMEOUT_MS`); 0 for none. */
  timeoutMs?: number;
  /** Called after every finished unit (both copies of it, with `determinism`). */
  onProgress?: (progress: SweepProgress) => void;
  /**
   * Stops the sweep (Ctrl-C): no further run starts, runs in worker threads are abandoned with
   * their threads, and the sweep returns what finished, with `interrupted`. In this thread the
   * run in progress ends first.
   */
  signal?: AbortSignal;
}

/** Where a sweep is. */
export interface SweepProgress {
  done: number;
  total: number;
  failed: number;
  unit: WorkUnit;
  passed: boolean;
}

/** One unit's outcome, in the stable order of the list. */
export interface SuiteRun {
  unit: WorkUnit;
  result?: RunResult;
  error?: RunError;
}

/** What a sweep found. */
export interface SuiteResult {
  /** This shard's units, with their outcomes, in the stable order of the whole list. */
  runs: SuiteRun[];
  /** The results of the runs that produced one, in the same order. */
  results: RunResult[];
  /** Runs that produced no result: bad input, a crash of the runner, a run killed for hanging. */
  errors: RunError[];
  /** With `determinism`: every seed whose two runs differed. */
  mismatches: DeterminismMismatch[];
  /** The verdicts of the scenarios' `acrossSeeds` expectations over the seeds this sweep ran. */
  acrossSeeds: SuiteAcrossSeeds[];
  /** True when `signal` stopped the sweep: `runs` holds only the units that finished. */
  interrupted?: boolean;
  /** Units in the whole list, before sharding. */
  total: number;
  shard?: Shard;
  /** Worker threads used (0: this thread). */
  workers: number;
  /** True when every run passed, none failed to run, no two copies differed and no across-seeds claim was refuted. */
  passed: boolean;
  wallTimeMs: number;
}

/** Default wall-clock limit of one run in a sweep: a minute, far beyond any library scenario. */
export const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * Runs many scenarios over many seeds, in worker threads (a piscina pool) or in this thread.
 * The (scenario × seed) list is built in a stable order and sharded before anything runs, so
 * `--shard i/n` jobs split the same list the same way on every machine; results come back in
 * that order whatever order the workers finish in. With `determinism`, each unit runs in two
 * pools at once and the two canonical traces and digests must be equal.
 */
export async function sweep(items: readonly SweepItem[], seeds: readonly Seed[] | undefined, options: SweepOptions = {}): Promise<SuiteResult> {
  const started = performance.now();
  const all = workList(items, seeds);
  const units = shardUnits(all, options.shard);
  const recording = options.recording ?? "full";
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const determinism = options.determinism ?? false;
  const stop = options.signal;
  const taskOf = (unit: WorkUnit): SweepTask => {
    const item = items[unit.item];
    return {
      unit, scenario: item.scenario, modules: item.modules ?? [], recording, timeoutMs,
      replay: item.replay ?? `clustersim replay ${item.file}`, keepTrace: determinism,
    };
  };
  const wanted = options.workers ?? availableParallelism();
  const perPool = determinism ? Math.max(1, Math.floor(wanted / 2)) : wanted;
  const threads = Math.max(0, Math.min(perPool, units.length));

  if (threads > 0) for (const item of items) assertCloneable(item);

  const outcomes = new Array<SuiteRun>(units.length);
  const mismatches: DeterminismMismatch[] = [];
  let done = 0;
  let failed = 0;
  const finish = (k: number, a: TaskOutcome, b?: TaskOutcome) => {
    const unit = units[k];
    outcomes[k] = { unit, ...(a.result ? { result: a.result } : {}), ...(a.error ? { error: a.error } : {}) };
    const mismatch = b ? compareOutcomes(unit, a, b) : null;
    if (mismatch) mismatches.push(mismatch);
    const passed = a.result?.passed === true && mismatch === null;
    done++;
    if (!passed) failed++;
    options.onProgress?.({ done, total: units.length, failed, unit, passed });
  };

  if (threads === 0 || wanted === 0) {
    for (let k = 0; k < units.length && !stop?.aborted; k++) {
      const task = taskOf(units[k]);
      const a = await runTaskWithModules(task);
      // In one thread the second copy sees whatever module state the first left behind.
      finish(k, a, determinism ? await runTaskWithModules(task) : undefined);
    }
  } else {
    const pools: TaskPool[] = [];
    try {
      pools.push(await openPool(threads));
      if (determinism) pools.push(await openPool(threads));
      await forEachLimited(units.length, threads * 2, stop, async (k) => {
        const task = taskOf(units[k]);
        const [a, b] = await Promise.all([pools[0].run(task, stop), determinism ? pools[1].run({ ...task, warmup: true }, stop) : undefined]);
        if (a === null || b === null || stop?.aborted) return;
        finish(k, a, b);
      });
    } finally {
      await Promise.all(pools.map((p) => p.close()));
    }
  }

  // Traces were only needed for the comparison; results never carry them. An interrupted
  // sweep leaves holes where units never finished.
  const interrupted = stop?.aborted === true;
  const runs = interrupted ? outcomes.filter((o) => o !== undefined) : outcomes;
  const results = runs.flatMap((o) => (o.result ? [o.result] : []));
  const errors = runs.flatMap((o) => (o.error ? [o.error] : []));
  mismatches.sort((x, y) => x.unit.index - y.unit.index);
  const acrossSeeds = sweepAcrossSeeds(items, runs);
  return {
    runs, results, errors, mismatches, acrossSeeds, total: all.length, ...(interrupted ? { interrupted } : {}),
    ...(options.shard ? { shard: options.shard } : {}),
    workers: threads * (determinism && threads > 0 ? 2 : 1),
    passed: !interrupted && errors.length === 0 && mismatches.length === 0 && results.every((r) => r.passed) && acrossSeeds.every((v) => v.passed),
    wallTimeMs: Math.round(performance.now() - started),
  };
}

/**
 * Worker threads receive scenarios by structured clone, which cannot carry functions. A
 * scenario built in code with a `factory` or a `checker` object can only run in this thread,
 * unless its kinds move into a module listed in `modules`; say so rather than fail per run.
 */
function assertCloneable(item: SweepItem): void {
  const fn = item.scenario.processes.find((p) => typeof p.factory === "function");
  const check = (item.scenario.checks ?? []).find((c) => c.checker !== undefined);
  if (!fn && !check) return;
  const what = fn ? `process ${fn.node}/${fn.name} has a factory function` : `check "${check!.name}" has a checker object`;
  throw new TypeError(
    `${item.file}: ${what}, which worker threads cannot receive; ` +
    "export it from a module's `processes` (or `checkers`) catalog and list the module in the item's `modules`, or sweep with workers: 0",
  );
}

/** Calls `fn(0..count-1)` with at most `limit` calls in flight, so queues and memory stay bounded; none starts after `stop`. */
async function forEachLimited(count: number, limit: number, stop: AbortSignal | undefined, fn: (k: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < count && !stop?.aborted) await fn(next++);
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, lane));
}
