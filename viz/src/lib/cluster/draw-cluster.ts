import { OKABE_ITO, statusColor, type Theme } from "../render/palette";
import type { ClusterLayout } from "./cluster-layout";
import { DOWN, PAUSED, type ClusterFrame, type ClusterModel } from "./cluster-frame";
import type { Role } from "./cluster-roles";

/** Each role's outline colour (the heading and the column say the role too: colour is not the only cue). */
export const ROLE_COLORS: Record<Role, string> = {
  client: OKABE_ITO.skyBlue, gateway: OKABE_ITO.purple, registry: OKABE_ITO.orange,
  instance: OKABE_ITO.blue, broker: OKABE_ITO.yellow, store: OKABE_ITO.green,
};

export interface StaticInput {
  ctx: CanvasRenderingContext2D;
  model: ClusterModel;
  layout: ClusterLayout;
  frame: ClusterFrame;
  theme: Theme;
  /** Column headings, in the page's language. */
  heading: (role: Role, ring: string | null) => string;
  /** Extra badges per node (term, lease, queue depth) from the state replay, or null. */
  extra: Array<string[] | null> | null;
  /** The nodes of a cut being dragged, drawn on their side's colour. */
  sides?: [number[], number[]] | null;
}

/**
 * The layer that changes only when a node's state, a badge or a partition changes: edges,
 * partition cuts, nodes with their state and badges, column headings.
 */
export function drawClusterStatic(s: StaticInput): void {
  const { ctx, model: m, layout: l, frame: f, theme } = s;
  ctx.clearRect(0, 0, l.width, l.height);
  ctx.font = "11px system-ui, sans-serif";
  ctx.textAlign = "center";
  ctx.textBaseline = "alphabetic";
  ctx.fillStyle = theme.muted;
  for (const col of l.columns) {
    ctx.fillText(s.heading(col.role, col.ring), col.x, 16);
    if (col.ring && col.r) {
      ctx.strokeStyle = theme.grid;
      ctx.lineWidth = 1;
      ctx.setLineDash([3, 4]);
      ctx.beginPath();
      ctx.arc(col.cx!, col.cy!, col.r, 0, Math.PI * 2);
      ctx.stroke();
      ctx.setLineDash([]);
    }
  }
  // Edges: one path, thin.
  const e = m.edges;
  ctx.strokeStyle = theme.grid;
  ctx.lineWidth = e.length > 4000 ? 0.5 : 1;
  ctx.beginPath();
  for (let j = 0; j < e.length; j += 2) {
    ctx.moveTo(l.x[e[j]], l.y[e[j]]);
    ctx.lineTo(l.x[e[j + 1]], l.y[e[j + 1]]);
  }
  ctx.stroke();
  // Partition cuts: the link drawn dashed in vermillion with a bar across its middle.
  if (f.cuts.length > 0) {
    ctx.strokeStyle = theme.drop;
    ctx.lineWidth = 1.5;
    ctx.setLineDash([4, 3]);
    ctx.beginPath();
    const limit = Math.min(f.cuts.length, 3000);
    for (let j = 0; j < limit; j++) {
      const [a, b] = f.cuts[j];
      ctx.moveTo(l.x[a], l.y[a]);
      ctx.lineTo(l.x[b], l.y[b]);
    }
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.lineWidth = 3;
    ctx.beginPath();
    for (let j = 0; j < Math.min(limit, 600); j++) {
      const [a, b] = f.cuts[j];
      const mx = (l.x[a] + l.x[b]) / 2, my = (l.y[a] + l.y[b]) / 2;
      const dx = l.x[b] - l.x[a], dy = l.y[b] - l.y[a];
      const len = Math.hypot(dx, dy) || 1;
      const nx = (-dy / len) * 7, ny = (dx / len) * 7;
      ctx.moveTo(mx - nx, my - ny);
      ctx.lineTo(mx + nx, my + ny);
    }
    ctx.stroke();
  }
  const r = l.radius;
  const labels = r >= 7;
  const sideOf = new Int8Array(l.x.length);
  if (s.sides) {
    for (const i of s.sides[0]) sideOf[i] = 1;
    for (const i of s.sides[1]) sideOf[i] = 2;
  }
  for (let i = 0; i < l.x.length; i++) {
    const x = l.x[i], y = l.y[i];
    const st = f.state[i];
    ctx.beginPath();
    ctx.arc(x, y, r, 0, Math.PI * 2);
    ctx.fillStyle = st === DOWN ? theme.down : st === PAUSED ? theme.paused : sideOf[i] === 1 ? "rgba(0,114,178,0.25)" : sideOf[i] === 2 ? "rgba(230,159,0,0.3)" : theme.bg;
    ctx.fill();
    ctx.lineWidth = r >= 5 ? 2 : 1;
    ctx.strokeStyle = st === DOWN ? theme.drop : st === PAUSED ? OKABE_ITO.orange : ROLE_COLORS[m.info[i].role];
    if (st === PAUSED) ctx.setLineDash([3, 2]);
    ctx.stroke();
    ctx.setLineDash([]);
    if (st === DOWN) {
      // A crashed node is crossed out.
      const q = r * 0.6;
      ctx.beginPath();
      ctx.moveTo(x - q, y - q);
      ctx.lineTo(x + q, y + q);
      ctx.moveTo(x + q, y - q);
      ctx.lineTo(x - q, y + q);
      ctx.strokeStyle = theme.drop;
      ctx.stroke();
    } else if (st === PAUSED && r >= 5) {
      ctx.fillStyle = OKABE_ITO.orange;
      ctx.fillRect(x - r * 0.35, y - r * 0.4, r * 0.22, r * 0.8);
      ctx.fillRect(x + r * 0.13, y - r * 0.4, r * 0.22, r * 0.8);
    }
    if (!labels) continue;
    ctx.fillStyle = theme.fg;
    ctx.font = "600 11px ui-monospace, monospace";
    ctx.textAlign = "center";
    ctx.fillText(m.info[i].name, x, y + r + 12);
    const list = [...(f.badges[i] ?? []), ...(s.extra?.[i] ?? [])];
    let by = y + r + 24;
    ctx.font = "10px system-ui, sans-serif";
    for (const b of list.slice(0, 4)) {
      const w = ctx.measureText(b).width + 8;
      const value = b.includes(": ") ? b.slice(b.indexOf(": ") + 2) : b.split(" ")[0];
      ctx.fillStyle = statusColor(value);
      ctx.globalAlpha = 0.2;
      ctx.fillRect(x - w / 2, by - 9, w, 12);
      ctx.globalAlpha = 1;
      ctx.fillStyle = theme.fg;
      ctx.fillText(b, x, by);
      by += 13;
    }
  }
}

export interface DynamicInput {
  ctx: CanvasRenderingContext2D;
  model: ClusterModel;
  layout: ClusterLayout;
  frame: ClusterFrame;
  theme: Theme;
  /** The selected message's arrow index, or -1. */
  selected: number;
  /** A cut being dragged: from, to. */
  drag?: { ax: number; ay: number; bx: number; by: number } | null;
}

/** The layer redrawn every frame: messages in flight, recent drops, the selection, a cut being dragged. */
export function drawClusterDynamic(d: DynamicInput): void {
  const { ctx, layout: l, frame: f, theme, model: m } = d;
  ctx.clearRect(0, 0, l.width, l.height);
  const dots = f.dots;
  const dr = Math.max(1.5, Math.min(4, l.radius * 0.35));
  for (const dropped of [0, 1]) {
    ctx.fillStyle = dropped ? theme.drop : theme.message;
    ctx.beginPath();
    for (let k = 0; k < dots.count; k++) {
      if (dots.dropped[k] !== dropped) continue;
      ctx.moveTo(dots.x[k] + dr, dots.y[k]);
      ctx.arc(dots.x[k], dots.y[k], dr, 0, Math.PI * 2);
    }
    ctx.fill();
  }
  if (f.drops.length > 0) {
    ctx.strokeStyle = theme.drop;
    ctx.lineWidth = 2;
    const q = Math.max(3, dr * 1.4);
    for (const x of f.drops) {
      ctx.globalAlpha = Math.max(0.15, 1 - x.age);
      ctx.beginPath();
      ctx.moveTo(x.x - q, x.y - q);
      ctx.lineTo(x.x + q, x.y + q);
      ctx.moveTo(x.x + q, x.y - q);
      ctx.lineTo(x.x - q, x.y + q);
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
  }
  const sel = d.selected;
  if (sel >= 0 && sel < m.bundle.arrows.count) {
    const a = m.fromNode[sel], b = m.toNode[sel];
    if (a >= 0 && b >= 0) {
      ctx.strokeStyle = theme.highlight;
      ctx.lineWidth = 3;
      ctx.beginPath();
      ctx.moveTo(l.x[a], l.y[a]);
      ctx.lineTo(l.x[b], l.y[b]);
      ctx.stroke();
      for (let k = 0; k < dots.count; k++) {
        if (dots.arrow[k] !== sel) continue;
        ctx.lineWidth = 2;
        ctx.beginPath();
        ctx.arc(dots.x[k], dots.y[k], dr + 4, 0, Math.PI * 2);
        ctx.stroke();
      }
    }
  }
  if (d.drag) {
    ctx.strokeStyle = theme.drop;
    ctx.lineWidth = 2;
    ctx.setLineDash([6, 4]);
    ctx.beginPath();
    ctx.moveTo(d.drag.ax, d.drag.ay);
    ctx.lineTo(d.drag.bx, d.drag.by);
    ctx.stroke();
    ctx.setLineDash([]);
  }
}

/** A key that changes exactly when the static layer would look different. */
export function staticKey(f: ClusterFrame, extra: Array<string[] | null> | null): string {
  let k = "";
  for (let i = 0; i < f.state.length; i++) if (f.state[i]) k += `${i}:${f.state[i]},`;
  k += "|";
  for (const [a, b] of f.cuts) k += `${a}-${b},`;
  k += "|";
  for (let i = 0; i < f.badges.length; i++) if (f.badges[i]) k += `${i}=${f.badges[i]!.join(";")},`;
  if (extra) for (let i = 0; i < extra.length; i++) if (extra[i]?.length) k += `${i}+${extra[i]!.join(";")},`;
  return k;
}
