import type { TraceBundle } from "../trace/trace-bundle";
import type { LaneLayout } from "../layout/lane-layout";
import type { Theme } from "./palette";
import { termAt } from "../trace/term-builder";

/** The label of a role segment with the term it began in: `leader · t2`. */
export function roleWithTerm(b: TraceBundle, lane: number, t: number, label: string): string {
  const term = termAt(b.terms, lane, t);
  return term === null ? label : `${label} · t${term}`;
}

/**
 * Where a term begins on a lane: a tick across the lane's status band at every change of term,
 * labelled `t3` unless a role segment starts at the same place (its label says the term
 * already). Returns the ticks drawn, for tests and the page's data attributes.
 */
export function drawTermTicks(ctx: CanvasRenderingContext2D, b: TraceBundle, layout: LaneLayout, theme: Theme, x: (t: number) => number, width: number, t0: number, t1: number): number {
  let drawn = 0;
  ctx.save();
  ctx.font = "8px system-ui, sans-serif";
  ctx.strokeStyle = theme.fg;
  ctx.fillStyle = theme.fg;
  ctx.lineWidth = 1;
  const roleStarts = new Set(b.status.filter((s) => s.key === "role").map((s) => `${s.lane}|${s.t0}`));
  for (const s of b.terms) {
    if (s.t0 < t0 || s.t0 > t1) continue;
    const px = Math.round(x(s.t0)) + 0.5;
    if (px < 0 || px > width) continue;
    const y = layout.y[s.lane] + 1;
    const h = layout.laneHeight / 2 - 2;
    ctx.globalAlpha = 0.8;
    ctx.beginPath();
    ctx.moveTo(px, y);
    ctx.lineTo(px, y + h);
    ctx.stroke();
    ctx.globalAlpha = 1;
    if (!roleStarts.has(`${s.lane}|${s.t0}`)) ctx.fillText(`t${s.term}`, px + 2, y + 7);
    drawn++;
  }
  ctx.restore();
  return drawn;
}
