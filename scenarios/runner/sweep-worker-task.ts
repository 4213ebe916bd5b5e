import type { SweepTask, TaskOutcome } from "./run-task";
import { runTaskWithModules } from "./run-task";
import { dieIfAsked } from "./worker-death-hook";

/** Scenarios this thread has already warmed up (only in the determinism check's second pool). */
const warmed = new Set<string>();

/**
 * The worker thread's task handler (piscina calls the default export). In the determinism
 * check's second pool, the first time a thread meets a scenario it runs it once more and throws
 * the result away. So whatever state a process might keep between runs (a module-level
 * counter) is a run ahead of the first pool's, and shows up as a trace mismatch, even when both
 * pools run the same units in the same order.
 */
export default async function handle(task: SweepTask & { warmup?: boolean }): Promise<TaskOutcome> {
  dieIfAsked(task);
  const key = `${task.unit.item}\n${task.unit.file}`;
  if (task.warmup && !warmed.has(key)) {
    warmed.add(key);
    await runTaskWithModules({ ...task, keepTrace: false });
  }
  return runTaskWithModules(task);
}
