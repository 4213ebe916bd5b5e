import type { ArrowTable } from "../trace/trace-bundle";
import { arrowRange } from "../layout/time-index";

/**
 * The arrow of the space-time diagram nearest to a point, within `reach` pixels, or -1: a
 * message is a segment from (send time, sender's lane) to (end time, receiver's lane). Scans
 * the arrows that may cross the point's time, at most `maxScan` of them (a click, not a frame).
 */
export function arrowNear(
  a: ArrowTable, laneY: ArrayLike<number>, t0: number, k: number, px: number, py: number, reach = 5, maxScan = 200_000,
): number {
  const t = t0 + px / k;
  const dt = reach / k;
  const [lo, hi0] = arrowRange(a.sendT, a.maxSpan, t - dt, t + dt);
  const hi = Math.min(hi0, lo + maxScan);
  let best = -1, bestD = reach * reach;
  for (let i = lo; i < hi; i++) {
    if (a.endT[i] < t - dt) continue;
    const x1 = (a.sendT[i] - t0) * k, y1 = laneY[a.fromLane[i]];
    const x2 = (a.endT[i] - t0) * k, y2 = laneY[a.toLane[i]];
    const d = segmentDistance2(px, py, x1, y1, x2, y2);
    if (d <= bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}

/** Squared distance from a point to a segment. */
export function segmentDistance2(px: number, py: number, x1: number, y1: number, x2: number, y2: number): number {
  const dx = x2 - x1, dy = y2 - y1;
  const len = dx * dx + dy * dy;
  const u = len === 0 ? 0 : Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / len));
  const ex = x1 + u * dx - px, ey = y1 + u * dy - py;
  return ex * ex + ey * ey;
}
