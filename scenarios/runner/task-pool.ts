import type { SweepTask, TaskOutcome } from "./run-task";

/** A pool of worker threads that run sweep tasks. */
export interface TaskPool {
  /**
   * Runs a task; a run that outlives its hard limit is killed with its thread and reported.
   * `stop` aborts it (killing its thread too) and gives null: the run did not happen.
   */
  run(task: SweepTask & { warmup?: boolean }): Promise<TaskOutcome>;
  run(task: SweepTask & { warmup?: boolean }, stop: AbortSignal | undefined): Promise<TaskOutcome | null>;
  close(): Promise<void>;
}

/** Added to twice the soft limit to make the hard one: covers the start of a thread under load. */
export const DEFAULT_GRACE_MS = 5_000;

/**
 * `CLUSTERSIM_WORKER_HEAP_MB`: the old-generation heap limit of each worker thread, in MB
 * (default: Node's). A run that needs more kills only its thread, and is reported as an
 * internal error with its seed; tests set it low to make a thread run out of memory quickly.
 */
export function workerHeapMb(env: Readonly<Record<string, string | undefined>> = process.env): number | undefined {
  const text = env.CLUSTERSIM_WORKER_HEAP_MB;
  const mb = text === undefined ? NaN : Number(text);
  return Number.isInteger(mb) && mb > 0 ? mb : undefined;
}

/** Why a worker thread died, in words, from what piscina rejected the task with. */
function deathOf(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  const message = e instanceof Error ? e.message : String(e);
  if (code === "ERR_WORKER_OUT_OF_MEMORY") return `its worker thread ran out of memory (${message})`;
  if (/^worker exited|terminated/i.test(message)) return `its worker thread was killed (${message})`;
  return `its worker thread threw: ${e instanceof Error ? (e.stack ?? e.message) : message}`;
}

/**
 * Opens a piscina pool of `threads` worker threads on `sweep-worker.js`. piscina is imported
 * here, lazily, so commands that never sweep do not pay for it.
 *
 * The engine stops a run at its wall-clock limit by itself, but only between events: a process
 * stuck in a synchronous loop never returns to it. So each task also gets a hard limit (twice
 * the task's soft one plus `graceMs`, which covers a short wait in the queue); at the hard limit
 * piscina terminates the thread and starts a fresh one, and the run is reported as timed out.
 */
export async function openPool(threads: number, graceMs = DEFAULT_GRACE_MS): Promise<TaskPool> {
  const { Piscina } = await import("piscina");
  const pool = new Piscina<SweepTask, TaskOutcome>({
    filename: new URL("./sweep-worker.js", import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
    // Tasks are whole runs that await promise drains on MessageChannels; piscina's Atomics
    // wait loop would only save microseconds between them.
    atomics: "disabled",
    idleTimeout: 1_000,
    ...(workerHeapMb() ? { resourceLimits: { maxOldGenerationSizeMb: workerHeapMb() } } : {}),
  });
  async function run(task: SweepTask & { warmup?: boolean }, stop?: AbortSignal): Promise<TaskOutcome | null> {
    const timeoutMs = task.timeoutMs;
    const hardMs = timeoutMs > 0 ? timeoutMs * 2 + graceMs : 0;
    try {
      const signals = [...(hardMs > 0 ? [AbortSignal.timeout(hardMs)] : []), ...(stop ? [stop] : [])];
      return await pool.run(task, signals.length > 0 ? { signal: AbortSignal.any(signals) } : {});
    } catch (e) {
      // Stopped from outside (Ctrl-C): no outcome, the run simply did not happen.
      if (stop?.aborted) return null;
      const { unit } = task;
      const aborted = e instanceof Error && (e.name === "AbortError" || e.name === "TimeoutError");
      // A thread that threw, ran out of memory or was killed loses only this run: piscina
      // starts a fresh thread for the rest, and the run is reported with its replay command.
      const message = aborted
        ? `the run did not stop at its ${timeoutMs / 1000}s wall-clock limit (a process stuck in a loop?) and its worker was killed after ${hardMs / 1000}s`
        : deathOf(e);
      const replay = `${task.replay} --seed ${unit.seed}`;
      return { index: unit.index, error: { file: unit.file, scenario: unit.scenario, seed: unit.seed, kind: aborted ? "timeout" : "internal", message, replay } };
    }
  }
  return {
    run: run as TaskPool["run"],
    close: () => pool.destroy(),
  };
}
