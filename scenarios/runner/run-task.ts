import type { Scenario } from "../../engine/scenario";
import type { Recording } from "../../engine/run-options";
import type { RunResult } from "../../engine/result";
import { simulate } from "../../engine/index";
import { InvalidScenarioError } from "../../engine/validate-scenario";
import type { Catalogs } from "./catalogs";
import { importUserCatalogs } from "./user-catalogs";
import type { WorkUnit } from "./work-list";
import { WallDeadline } from "./wall-deadline";

/** One run as it crosses to a worker thread: plain data only. */
export interface SweepTask {
  unit: WorkUnit;
  scenario: Scenario;
  modules: readonly string[];
  recording: Recording;
  /** Wall-clock limit of the run in milliseconds; 0 for none. */
  timeoutMs: number;
  /** The replay command without `--seed`. */
  replay: string;
  /** Send the canonical trace back too (the determinism check compares two runs' traces). */
  keepTrace: boolean;
}

/** Why a run produced no result. */
export interface RunError {
  file: string;
  scenario: string;
  seed: WorkUnit["seed"];
  /** `invalid`: the engine refused the scenario (bad input); `timeout`: it hung and was killed; `internal`: a bug. */
  kind: "invalid" | "internal" | "timeout";
  message: string;
  /** The command that runs this seed again, when the error is the runner's (a dead worker thread). */
  replay?: string;
}

/** What a task sends back. */
export interface TaskOutcome {
  index: number;
  result?: RunResult;
  error?: RunError;
  /** The canonical trace (JSONL), when the task asked for it and the run recorded one. */
  trace?: string;
}

/**
 * Runs one unit with a wall-clock limit, in whatever thread calls it. The limit reaches the
 * engine as `shouldStop` (a `WallDeadline`'s, which leaves room for the checks after the run),
 * polled every few thousand events; a run stopped so ends as
 * `interrupted` and fails, it never hangs the sweep. Thrown errors become `RunError`s, so one
 * broken scenario never loses the rest of the suite.
 */
export async function runTask(task: SweepTask, catalogs: Catalogs, now: () => number = Date.now): Promise<TaskOutcome> {
  const { unit } = task;
  const stop = new WallDeadline(task.timeoutMs, undefined, now).runStop();
  try {
    const sim = await simulate(task.scenario, {
      seed: unit.seed,
      recording: task.recording,
      keepHistory: false,
      catalog: catalogs.catalog,
      checkers: catalogs.checkers,
      replayCommand: task.replay,
      wallClock: () => performance.now(),
      ...(stop ? { shouldStop: stop } : {}),
    });
    const out: TaskOutcome = { index: unit.index, result: sim.result };
    if (task.keepTrace && sim.trace) out.trace = sim.trace.toJSONL();
    return out;
  } catch (e) {
    const invalid = e instanceof InvalidScenarioError;
    const message = invalid ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e);
    return { index: unit.index, error: { file: unit.file, scenario: unit.scenario, seed: unit.seed, kind: invalid ? "invalid" : "internal", message } };
  }
}

const cache = new Map<string, Promise<Catalogs>>();

/** The catalogs for a module list, imported once per thread and list. */
export function catalogsFor(modules: readonly string[]): Promise<Catalogs> {
  const key = modules.join("\n");
  let found = cache.get(key);
  if (!found) {
    found = importUserCatalogs(modules);
    cache.set(key, found);
    // A failed import is not cached: the next task reports it again rather than a stale error.
    found.catch(() => cache.delete(key));
  }
  return found;
}

/** Runs a task with the catalogs of its modules; an import failure is the task's error. */
export async function runTaskWithModules(task: SweepTask): Promise<TaskOutcome> {
  let catalogs: Catalogs;
  try {
    catalogs = await catalogsFor(task.modules);
  } catch (e) {
    const { unit } = task;
    const message = e instanceof Error ? e.message : String(e);
    return { index: unit.index, error: { file: unit.file, scenario: unit.scenario, seed: unit.seed, kind: "invalid", message } };
  }
  return runTask(task, catalogs);
}
