import { K } from "../trace/event-kinds";
import { DROPPED, IN_FLIGHT, type TraceBundle } from "../trace/trace-bundle";
import type { LaneLayout } from "../layout/lane-layout";
import { arrowRange, lowerBound, upperBound } from "../layout/time-index";
import { aggregateArrows, wantsDensity } from "./density";
import { MARKS } from "./marks";
import type { MarkPaths } from "./mark-paths";
import { statusColor, type Theme } from "./palette";
import { statusLabel } from "../trace/status-builder";
import { drawTermTicks, roleWithTerm } from "./draw-terms";

/** What one drawing of the diagram needs. */
export interface DiagramFrame {
  ctx: CanvasRenderingContext2D;
  bundle: TraceBundle;
  layout: LaneLayout;
  theme: Theme;
  marks: MarkPaths;
  width: number;
  height: number;
  t0: number;
  t1: number;
  /** Events to ring (a violation's evidence, a divergence). */
  highlight: ReadonlySet<number>;
}

/** What the drawing did, for the page's readouts and the benchmark. */
export interface DrawStats {
  arrows: number;
  density: boolean;
  /** Term boundaries drawn (consensus servers' lanes). */
  termTicks: number;
}

/** Fewer arrows than this in view: draw the send dots and timer ticks too. */
const DETAIL_LIMIT = 300;

/** True for a message type that is the answer to a call. */
export function isReply(type: string): boolean {
  return type.endsWith(".reply") || type.endsWith("-reply") || type === "reply";
}

/**
 * Draws the static layer of the space-time diagram: node groups, bands for downtime, stalls
 * and partitions, status segments, message arrows (or their density when there are more than
 * the pixels can show) and event marks. The cursor and what moves with it go on another layer.
 */
export function drawDiagram(f: DiagramFrame): DrawStats {
  const { ctx, bundle: b, layout, theme, width, height, t0, t1 } = f;
  const k = width / Math.max(1e-9, t1 - t0);
  const x = (t: number) => (t - t0) * k;
  ctx.clearRect(0, 0, width, height);

  // Node groups on alternating backgrounds, a faint line along each lane.
  for (let n = 0; n < b.nodes.length; n++) {
    if (Number.isNaN(layout.nodeTop[n])) continue;
    if (n % 2 === 1) {
      ctx.fillStyle = theme.laneAlt;
      ctx.fillRect(0, layout.nodeTop[n], width, layout.nodeBottom[n] - layout.nodeTop[n]);
    }
  }
  ctx.strokeStyle = theme.grid;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (let i = 0; i < b.lanes.length; i++) {
    const y = Math.round(layout.y[i]) + 0.5;
    ctx.moveTo(0, y);
    ctx.lineTo(width, y);
  }
  ctx.stroke();

  drawBands(f, x);
  drawStatus(f, x);
  const termTicks = drawTermTicks(f.ctx, f.bundle, f.layout, f.theme, x, f.width, f.t0, f.t1);

  const a = b.arrows;
  const [lo, hi] = arrowRange(a.sendT, a.maxSpan, t0, t1);
  let visible = 0;
  for (let i = lo; i < hi; i++) if (a.endT[i] >= t0) visible++;
  const density = wantsDensity(visible, width);
  if (density) drawDensity(f, lo, hi, k);
  else drawArrows(f, lo, hi, x, visible <= DETAIL_LIMIT);

  drawNodeMarks(f, x, !density && visible <= DETAIL_LIMIT);
  drawHighlights(f, x);
  return { arrows: visible, density, termTicks };
}

function drawBands(f: DiagramFrame, x: (t: number) => number): void {
  const { ctx, bundle: b, layout, theme, width, height, t0, t1 } = f;
  for (const band of b.bands) {
    if (band.t1 < t0 || band.t0 > t1) continue;
    const x0 = Math.max(0, x(band.t0)), x1 = Math.min(width, Math.max(x(band.t1), x(band.t0) + 2));
    if (band.kind === "partition") {
      ctx.fillStyle = theme.partition;
      ctx.fillRect(x0, 0, x1 - x0, height);
      hatch(ctx, x0, 0, x1 - x0, height, theme.partition.replace(/[\d.]+\)$/, "0.5)"), 10);
      continue;
    }
    const top = layout.nodeTop[band.node], bottom = layout.nodeBottom[band.node];
    if (Number.isNaN(top)) continue;
    ctx.fillStyle = band.kind === "down" ? theme.down : theme.paused;
    ctx.fillRect(x0, top, x1 - x0, bottom - top);
    if (band.kind === "down") hatch(ctx, x0, top, x1 - x0, bottom - top, theme.down.replace(/[\d.]+\)$/, "0.55)"), 6);
    if (x1 - x0 > 46) {
      ctx.fillStyle = theme.muted;
      ctx.font = "10px system-ui, sans-serif";
      ctx.fillText(band.kind === "down" ? "down" : "paused", x0 + 4, top + 10);
    }
  }
}

/** Diagonal hatching, so bands read without colour. */
function hatch(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, color: string, gap: number): void {
  if (w <= 0 || h <= 0) return;
  ctx.save();
  ctx.beginPath();
  ctx.rect(x, y, w, h);
  ctx.clip();
  ctx.strokeStyle = color;
  ctx.lineWidth = 1;
  ctx.beginPath();
  const start = Math.floor((x - h) / gap) * gap;
  for (let s = start; s < x + w; s += gap) {
    ctx.moveTo(s, y + h);
    ctx.lineTo(s + h, y);
  }
  ctx.stroke();
  ctx.restore();
}

function drawStatus(f: DiagramFrame, x: (t: number) => number): void {
  const { ctx, bundle: b, layout, theme, width, t0, t1 } = f;
  ctx.font = "9px system-ui, sans-serif";
  // A consensus server's `leader` segment lies under its `role` segment; the role (with its
  // term) is the label, the leader is in the state panel.
  const roleLanes = new Set(b.status.filter((s) => s.key === "role").map((s) => s.lane));
  for (const s of b.status) {
    if (s.t1 < t0 || s.t0 > t1) continue;
    const x0 = Math.max(0, x(s.t0)), x1 = Math.min(width, x(s.t1));
    const y = layout.y[s.lane] + 3;
    const h = layout.laneHeight / 2 - 4;
    const color = statusColor(s.value);
    ctx.globalAlpha = 0.3;
    ctx.fillStyle = color;
    ctx.fillRect(x0, y, Math.max(1, x1 - x0), h);
    ctx.globalAlpha = 1;
    ctx.fillRect(x0, y + h - 2, Math.max(1, x1 - x0), 2);
    const text = s.key === "role" ? roleWithTerm(b, s.lane, s.t0, statusLabel(s.key, s.value)) : statusLabel(s.key, s.value);
    if (!(s.key === "leader" && roleLanes.has(s.lane)) && x1 - x0 > ctx.measureText(text).width + 6) {
      ctx.fillStyle = theme.fg;
      ctx.fillText(text, x0 + 3, y + h - 3);
    }
  }
}

function drawArrows(f: DiagramFrame, lo: number, hi: number, x: (t: number) => number, detail: boolean): void {
  const { ctx, bundle: b, layout, theme, marks, t0 } = f;
  const a = b.arrows;
  const replyType = b.types.map(isReply);
  const heads: Array<[number, number, number, number, boolean]> = [];
  const drops: Array<[number, number]> = [];
  const sends: Array<[number, number]> = [];
  // One path per style: a few strokes, whatever the number of arrows.
  for (const style of ["request", "reply", "dropped", "flight"] as const) {
    ctx.beginPath();
    for (let i = lo; i < hi; i++) {
      if (a.endT[i] < t0) continue;
      const st = a.status[i];
      const mine = style === "dropped" ? st === DROPPED : style === "flight" ? st === IN_FLIGHT
        : st !== DROPPED && st !== IN_FLIGHT && replyType[a.type[i]] === (style === "reply");
      if (!mine) continue;
      const xs = x(a.sendT[i]), ys = layout.y[a.fromLane[i]];
      const xe = x(a.endT[i]), ye = layout.y[a.toLane[i]];
      ctx.moveTo(xs, ys);
      ctx.lineTo(xe, ye);
      if (style === "dropped") drops.push([xe, ye]);
      else if (style !== "flight") heads.push([xs, ys, xe, ye, style === "reply"]);
      if (detail) sends.push([xs, ys]);
    }
    ctx.setLineDash(style === "dropped" ? [4, 3] : style === "flight" ? [1, 3] : []);
    ctx.strokeStyle = style === "reply" ? theme.reply : style === "dropped" ? theme.drop : theme.message;
    ctx.lineWidth = style === "dropped" ? 1.25 : 1;
    ctx.stroke();
  }
  ctx.setLineDash([]);
  for (const [xs, ys, xe, ye, reply] of heads) {
    const ang = Math.atan2(ye - ys, xe - xs);
    ctx.save();
    ctx.translate(xe, ye);
    ctx.rotate(ang);
    ctx.translate(-3, 0);
    ctx.fillStyle = reply ? theme.reply : theme.message;
    ctx.fill(marks.get("arrowhead", 4));
    ctx.restore();
  }
  for (const [xs, ys] of sends) marks.fill(ctx, "dot", 2, xs, ys, theme.message);
  for (const [xe, ye] of drops) marks.fill(ctx, MARKS.drop.shape, 5, xe, ye, theme.drop, theme.bg);
}

function drawDensity(f: DiagramFrame, lo: number, hi: number, k: number): void {
  const { ctx, bundle: b, layout, theme, width, t0, t1, marks } = f;
  const d = aggregateArrows(b.arrows, lo, hi, b.lanes.length, t0, t1, width, 3);
  if (d.maxCount === 0) return;
  const levels = 6;
  const norm = Math.log1p(d.maxCount);
  // Cells batched by intensity level: a handful of strokes for tens of thousands of cells.
  for (let level = 1; level <= levels; level++) {
    ctx.beginPath();
    for (const c of d.cells) {
      const lv = Math.max(1, Math.ceil((Math.log1p(c.count) / norm) * levels));
      if (lv !== level) continue;
      const xs = (c.bucket + 0.5) * d.bucketPx;
      ctx.moveTo(xs, layout.y[c.fromLane]);
      ctx.lineTo(xs + Math.max(0.5, c.meanSpan * k), layout.y[c.toLane]);
    }
    ctx.globalAlpha = 0.12 + (0.88 * level) / levels;
    ctx.strokeStyle = theme.message;
    ctx.lineWidth = 1;
    ctx.stroke();
  }
  ctx.globalAlpha = 1;
  for (const c of d.cells) {
    if (c.drops === 0) continue;
    const xe = (c.bucket + 0.5) * d.bucketPx + c.meanSpan * k;
    marks.fill(ctx, MARKS.drop.shape, c.drops > 3 ? 4 : 3, xe, layout.y[c.toLane], theme.drop);
  }
}

function drawNodeMarks(f: DiagramFrame, x: (t: number) => number, detail: boolean): void {
  const { ctx, bundle: b, layout, marks, theme, t0, t1 } = f;
  const from = lowerBound(b.t, t0), to = upperBound(b.t, t1);
  const span = to - from;
  // At most this many events are looked at for marks; beyond it only faults are, via the bands.
  const scanAll = span <= 200_000;
  const onLanesOf = (node: number, fn: (y: number) => void) => {
    for (let l = 0; l < b.lanes.length; l++) if (b.lanes[l].nodeIndex === node) fn(layout.y[l]);
  };
  if (scanAll) {
    for (let i = from; i < to; i++) {
      const kd = b.kind[i];
      const xi = x(b.t[i]);
      switch (kd) {
        case K.crash: case K.restart: case K.pause: case K.resume: {
          const m = kd === K.crash ? MARKS.crash : kd === K.restart ? MARKS.restart : kd === K.pause ? MARKS.pause : MARKS.resume;
          if (b.node[i] >= 0) onLanesOf(b.node[i], (y) => marks.fill(ctx, m.shape, 6, xi, y, m.color, theme.bg));
          break;
        }
        case K.partition: case K.heal: {
          const m = kd === K.partition ? MARKS.partition : MARKS.heal;
          marks.fill(ctx, m.shape, 6, xi, layout.y.length ? layout.y[0] - layout.laneHeight / 2 - 9 : 30, m.color);
          break;
        }
        case K.timer:
          if (detail && b.lane[i] >= 0) marks.fill(ctx, MARKS.timer.shape, 4, xi, layout.y[b.lane[i]], MARKS.timer.color);
          break;
        case K.state:
          if (detail && b.lane[i] >= 0) marks.fill(ctx, MARKS.state.shape, 3, xi, layout.y[b.lane[i]] - 6, MARKS.state.color);
          break;
      }
    }
  } else {
    for (const band of b.bands) {
      if (band.node < 0 || band.t0 < t0 || band.t0 > t1) continue;
      const m = band.kind === "down" ? MARKS.crash : MARKS.pause;
      onLanesOf(band.node, (y) => marks.fill(ctx, m.shape, 6, x(band.t0), y, m.color, theme.bg));
    }
  }
}

function drawHighlights(f: DiagramFrame, x: (t: number) => number): void {
  const { ctx, bundle: b, layout, theme, t0, t1 } = f;
  if (f.highlight.size === 0) return;
  ctx.strokeStyle = theme.highlight;
  ctx.lineWidth = 2.5;
  for (const seq of f.highlight) {
    if (seq < 0 || seq >= b.count) continue;
    const t = b.t[seq];
    if (t < t0 || t > t1) continue;
    const lane = b.lane[seq];
    const ys: number[] = lane >= 0 ? [layout.y[lane]] : b.node[seq] >= 0
      ? b.lanes.flatMap((l, i) => (l.nodeIndex === b.node[seq] ? [layout.y[i]] : []))
      : [layout.y[0] ?? 10];
    for (const y of ys) {
      ctx.beginPath();
      ctx.arc(x(t), y, 9, 0, Math.PI * 2);
      ctx.stroke();
    }
  }
}
