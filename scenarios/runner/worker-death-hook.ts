import { resourceLimits, isMainThread } from "node:worker_threads";
import type { SweepTask } from "./run-task";

/**
 * For tests only: the environment variable that makes a sweep's worker thread die on one seed,
 * so that the CLI's handling of a dead worker can be tested for real. `throw@7` throws from the
 * task handler, `oom@7` allocates until the thread's heap limit kills it (only with
 * `CLUSTERSIM_WORKER_HEAP_MB` set, so a test never eats the machine's memory), `exit@7` ends the
 * thread as `process.exit` would. Read only in worker threads: a run in the main thread ignores it.
 */
export const WORKER_DEATH_ENV = "CLUSTERSIM_TEST_WORKER_DEATH";

/** Dies as the variable says when this task's seed is the one named; else does nothing. */
export function dieIfAsked(task: SweepTask, env: Readonly<Record<string, string | undefined>> = process.env): void {
  const spec = env[WORKER_DEATH_ENV];
  if (isMainThread || !spec) return;
  const m = /^(throw|oom|exit)@(.+)$/.exec(spec);
  if (!m || m[2] !== String(task.unit.seed)) return;
  if (m[1] === "throw") throw new Error(`${WORKER_DEATH_ENV}: thrown on seed ${m[2]}`);
  if (m[1] === "exit") process.exit(7);
  if (!resourceLimits.maxOldGenerationSizeMb) throw new Error(`${WORKER_DEATH_ENV}=oom needs CLUSTERSIM_WORKER_HEAP_MB, so the thread has a small heap to run out of`);
  const hoard: number[][] = [];
  for (;;) hoard.push(new Array<number>(1 << 16).fill(hoard.length));
}
