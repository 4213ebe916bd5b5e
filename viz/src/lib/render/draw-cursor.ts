import { DROPPED, type TraceBundle } from "../trace/trace-bundle";
import type { LaneLayout } from "../layout/lane-layout";
import { arrowRange } from "../layout/time-index";
import type { Theme } from "./palette";

/** What one drawing of the cursor layer needs. */
export interface CursorFrame {
  ctx: CanvasRenderingContext2D;
  bundle: TraceBundle;
  layout: LaneLayout;
  theme: Theme;
  width: number;
  height: number;
  t0: number;
  t1: number;
  cursorT: number;
  /** The current event: ringed when it happens at the cursor. */
  cursorSeq: number;
  /** Draw messages in flight as moving dots (off when the diagram shows density). */
  flight: boolean;
  /** The selected message (arrow index), drawn over everything; -1 or absent for none. */
  selected?: number;
}

/** Most in-flight dots drawn: beyond that the diagram is in density mode anyway. */
const FLIGHT_LIMIT = 4000;

/**
 * Draws what moves with the cursor and needs a canvas: a dot for every message in flight at the
 * cursor and a ring on the current event. (The cursor line and the veil over the future are
 * DOM layers moved by a transform, which costs the compositor nothing.) It is cheap, a binary
 * search and a few hundred dots, so scrubbing redraws only this layer. Returns whether it drew
 * anything, so that an empty layer is not cleared again and again.
 */
export function drawCursor(f: CursorFrame): boolean {
  const { ctx, bundle: b, layout, theme, width, height, t0, t1, cursorT } = f;
  const k = width / Math.max(1e-9, t1 - t0);
  const cx = (cursorT - t0) * k;
  ctx.clearRect(0, 0, width, height);
  let drawn = 0;
  if (f.flight) {
    const a = b.arrows;
    const [lo, hi] = arrowRange(a.sendT, a.maxSpan, cursorT, cursorT);
    for (let i = lo; i < hi && drawn < FLIGHT_LIMIT; i++) {
      const s = a.sendT[i], e = a.endT[i];
      if (s > cursorT || e <= cursorT || e === s) continue;
      const p = (cursorT - s) / (e - s);
      const ys = layout.y[a.fromLane[i]], ye = layout.y[a.toLane[i]];
      const px = (s - t0) * k + p * (e - s) * k;
      const py = ys + p * (ye - ys);
      ctx.fillStyle = a.status[i] === DROPPED ? theme.drop : theme.message;
      ctx.beginPath();
      ctx.arc(px, py, 3.5, 0, Math.PI * 2);
      ctx.fill();
      drawn++;
    }
  }
  const sel = f.selected ?? -1;
  if (sel >= 0 && sel < b.arrows.count) {
    // The selected message (chosen in either view): its arrow in the highlight colour.
    const a = b.arrows;
    ctx.strokeStyle = theme.highlight;
    ctx.lineWidth = 3;
    ctx.beginPath();
    ctx.moveTo((a.sendT[sel] - t0) * k, layout.y[a.fromLane[sel]]);
    ctx.lineTo((a.endT[sel] - t0) * k, layout.y[a.toLane[sel]]);
    ctx.stroke();
    drawn++;
  }
  const seq = f.cursorSeq;
  if (seq >= 0 && seq < b.count && b.t[seq] === cursorT && b.lane[seq] >= 0) {
    ctx.strokeStyle = theme.highlight;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.arc(cx, layout.y[b.lane[seq]], 7, 0, Math.PI * 2);
    ctx.stroke();
    drawn++;
  }
  return drawn > 0;
}
