import type { TaskOutcome } from "./run-task";
import type { TraceDivergence } from "./trace-diff";
import { firstDifference } from "./trace-diff";
import type { WorkUnit } from "./work-list";

/** Two runs of one scenario and seed that should have been identical and were not. */
export interface DeterminismMismatch {
  unit: WorkUnit;
  /** Trace hashes of the two runs (null where recording was off or the run failed to run). */
  traceHash: [string | null, string | null];
  digest: [string | null, string | null];
  /** The first canonical trace line where they part, when both traces were kept. */
  divergence: TraceDivergence | null;
  /** One sentence for the summary. */
  message: string;
}

/**
 * Compares the two runs of one unit: the trace hash, the digest of dispatched events, and
 * whether each ran at all. On a difference it finds the first canonical trace line that differs.
 */
export function compareOutcomes(unit: WorkUnit, a: TaskOutcome, b: TaskOutcome): DeterminismMismatch | null {
  const ra = a.result, rb = b.result;
  const traceHash: [string | null, string | null] = [ra?.traceHash ?? null, rb?.traceHash ?? null];
  const digest: [string | null, string | null] = [ra?.digest ?? null, rb?.digest ?? null];
  if (!ra || !rb) {
    if (!ra && !rb && a.error?.message === b.error?.message) return null;
    const what = (o: TaskOutcome) => (o.result ? "ran" : `failed to run (${o.error?.message.split("\n")[0]})`);
    return { unit, traceHash, digest, divergence: null, message: `the first run ${what(a)}, the second ${what(b)}` };
  }
  if (traceHash[0] === traceHash[1] && digest[0] === digest[1]) return null;
  const divergence = a.trace !== undefined && b.trace !== undefined ? firstDifference(a.trace, b.trace) : null;
  const where = divergence ? `; the traces part at line ${divergence.line}` : "";
  return {
    unit, traceHash, digest, divergence,
    message: `trace hash ${traceHash[0]} vs ${traceHash[1]}, digest ${digest[0]} vs ${digest[1]}${where}`,
  };
}
