import type { TraceBundle } from "../trace/trace-bundle";
import { K } from "../trace/event-kinds";
import { lowerBound, upperBound } from "../layout/time-index";

/** Kinds worth pointing at on a lane. Metric samples and run-level events are not. */
const POINTABLE = new Set<number>([K.send, K.deliver, K.drop, K.crash, K.restart, K.pause, K.resume, K.timer, K.state, K.start, K.log, K.record]);

/**
 * The event nearest to time `t` on a lane, within `tolerance` µs, or -1. Events of the lane's
 * node (a crash) count as on the lane. Drops and faults win over ordinary events nearby,
 * because they are what a person hovers to ask about.
 */
export function eventNear(b: TraceBundle, lane: number, t: number, tolerance: number, maxScan = 50_000): number {
  const lo = lowerBound(b.t, t - tolerance), hi = Math.min(upperBound(b.t, t + tolerance), lo + maxScan);
  const node = b.lanes[lane]?.nodeIndex ?? -2;
  let best = -1, bestScore = Infinity;
  for (let i = lo; i < hi; i++) {
    const k = b.kind[i];
    if (!POINTABLE.has(k)) continue;
    const mine = b.lane[i] === lane || (b.lane[i] < 0 && b.node[i] === node);
    if (!mine) continue;
    const important = k === K.drop || k === K.crash || k === K.restart || k === K.pause || k === K.resume;
    // Within half the tolerance, a drop or a fault beats a timer at the very same time.
    const score = Math.abs(b.t[i] - t) - (important ? tolerance / 2 : 0);
    if (score < bestScore) {
      bestScore = score;
      best = i;
    }
  }
  return best;
}
