import { ROLE_ORDER, type NodeInfo, type Role } from "./cluster-roles";

/** A column of the cluster view: one role, or one ring (a consensus group, a hash ring). */
export interface ClusterColumn {
  role: Role;
  ring: string | null;
  /** Centre and width of the column. */
  x: number;
  width: number;
  /** For a ring: its centre and radius. */
  cx?: number;
  cy?: number;
  r?: number;
  nodes: number[];
}

/** Where every node sits in the cluster view, and a grid to find the node under a point. */
export interface ClusterLayout {
  width: number;
  height: number;
  x: Float64Array;
  y: Float64Array;
  /** Radius of a node's disc (the same for every node). */
  radius: number;
  columns: ClusterColumn[];
  /** Spatial buckets: node indices by cell (`cellSize` squares), so a hit test looks at a few. */
  cellSize: number;
  cols: number;
  cells: Int32Array[];
}

/** Sizes in CSS pixels. */
export interface ClusterLayoutOptions {
  /** Space at the top for the column headings. Default 28. */
  top?: number;
  /** Margin on the other sides. Default 16. */
  margin?: number;
  /** Largest node radius. Default 18. */
  maxRadius?: number;
}

/**
 * Lays nodes out by role: one column per role in `ROLE_ORDER` (a call's path, left to right),
 * each ring group in a column of its own on a circle, the rest of a column packed in a grid of
 * as many sub-columns as make the discs largest. Pure: the same nodes and size give the same
 * layout, so a test can say where a node is.
 */
export function clusterLayout(nodes: readonly NodeInfo[], width: number, height: number, options: ClusterLayoutOptions = {}): ClusterLayout {
  const top = options.top ?? 28;
  const margin = options.margin ?? 16;
  const maxRadius = options.maxRadius ?? 18;
  const groups: Array<{ role: Role; ring: string | null; nodes: number[] }> = [];
  for (const role of ROLE_ORDER) {
    const plain: number[] = [];
    const rings = new Map<string, number[]>();
    nodes.forEach((n, i) => {
      if (n.role !== role) return;
      if (n.ring) {
        let list = rings.get(n.ring);
        if (!list) rings.set(n.ring, (list = []));
        list.push(i);
      } else {
        plain.push(i);
      }
    });
    if (plain.length > 0) groups.push({ role, ring: null, nodes: plain });
    for (const [ring, list] of rings) groups.push({ role, ring, nodes: list });
  }
  const n = nodes.length;
  const x = new Float64Array(n), y = new Float64Array(n);
  const innerW = Math.max(10, width - 2 * margin);
  const innerH = Math.max(10, height - top - margin);
  // A ring wants a square; a plain column as much width as its grid needs. Share the width by weight.
  const weight = groups.map((g) => (g.ring ? Math.max(1.5, Math.min(3, g.nodes.length / 4)) : Math.max(1, Math.min(3, Math.sqrt(g.nodes.length) / 4))));
  const total = weight.reduce((a, b) => a + b, 0) || 1;
  let radius = maxRadius;
  const columns: ClusterColumn[] = [];
  let at = margin;
  // First pass: the radius each column allows; the smallest wins, so every disc is the same size.
  const shapes = groups.map((g, gi) => {
    const w = (innerW * weight[gi]) / total;
    const col: ClusterColumn = { role: g.role, ring: g.ring, x: at + w / 2, width: w, nodes: g.nodes };
    at += w;
    columns.push(col);
    if (g.ring) {
      // Room under the lowest node for its name and badges (about 44 px).
      const r = Math.max(10, Math.min(w - 2 * maxRadius, innerH - 44) / 2 - maxRadius);
      const chord = g.nodes.length > 1 ? 2 * r * Math.sin(Math.PI / g.nodes.length) : 2 * maxRadius;
      radius = Math.min(radius, chord * 0.4);
      col.cx = col.x;
      col.cy = top + (innerH - 44) / 2 + maxRadius;
      col.r = r;
      return null;
    }
    const best = bestGrid(g.nodes.length, w, innerH);
    radius = Math.min(radius, best.cell * 0.36);
    return best;
  });
  radius = Math.max(1.5, radius);
  columns.forEach((col, gi) => {
    const shape = shapes[gi];
    if (col.ring) {
      const m = col.nodes.length;
      col.nodes.forEach((node, j) => {
        const a = -Math.PI / 2 + (2 * Math.PI * j) / m;
        x[node] = col.cx! + col.r! * Math.cos(a);
        y[node] = col.cy! + col.r! * Math.sin(a);
      });
      return;
    }
    const { cols, rows, cell } = shape!;
    const gridW = cols * cell, gridH = rows * cell;
    const x0 = col.x - gridW / 2 + cell / 2;
    const y0 = top + (innerH - gridH) / 2 + cell / 2;
    col.nodes.forEach((node, j) => {
      // Column-major: a short column reads top to bottom like the lanes of the diagram.
      const c = Math.floor(j / rows), r = j % rows;
      x[node] = x0 + c * cell;
      y[node] = y0 + r * cell;
    });
  });
  const cellSize = Math.max(8, radius * 2 + 4);
  const cols = Math.max(1, Math.ceil(width / cellSize));
  const rowsN = Math.max(1, Math.ceil(height / cellSize));
  const buckets: number[][] = Array.from({ length: cols * rowsN }, () => []);
  for (let i = 0; i < n; i++) {
    const c = clamp(Math.floor(x[i] / cellSize), 0, cols - 1);
    const r = clamp(Math.floor(y[i] / cellSize), 0, rowsN - 1);
    buckets[r * cols + c].push(i);
  }
  return { width, height, x, y, radius, columns, cellSize, cols, cells: buckets.map((b) => Int32Array.from(b)) };
}

/** The grid of `n` cells in `w` × `h` with the largest square cell. */
function bestGrid(n: number, w: number, h: number): { cols: number; rows: number; cell: number } {
  let best = { cols: 1, rows: Math.max(1, n), cell: 0 };
  for (let cols = 1; cols <= Math.max(1, n); cols++) {
    const rows = Math.ceil(n / cols);
    const cell = Math.min(w / cols, h / rows);
    if (cell > best.cell) best = { cols, rows, cell };
    if (w / cols < best.cell) break;
  }
  return best;
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

/** The node whose disc (widened by `slack` pixels) holds the point, nearest first; -1 for none. */
export function nodeAt(l: ClusterLayout, px: number, py: number, slack = 3): number {
  const reach = l.radius + slack;
  const c0 = Math.floor((px - reach) / l.cellSize), c1 = Math.floor((px + reach) / l.cellSize);
  const r0 = Math.floor((py - reach) / l.cellSize), r1 = Math.floor((py + reach) / l.cellSize);
  const rows = l.cells.length / l.cols;
  let best = -1, bestD = reach * reach;
  for (let r = Math.max(0, r0); r <= Math.min(rows - 1, r1); r++) {
    for (let c = Math.max(0, c0); c <= Math.min(l.cols - 1, c1); c++) {
      for (const i of l.cells[r * l.cols + c]) {
        const dx = l.x[i] - px, dy = l.y[i] - py;
        const d = dx * dx + dy * dy;
        if (d <= bestD) {
          bestD = d;
          best = i;
        }
      }
    }
  }
  return best;
}

/**
 * The two sides of a cut drawn from (ax, ay) to (bx, by): the nodes left of the line through
 * the two points and those right of it. Used by drag-to-partition; a side may be empty.
 */
export function sidesOfCut(l: Pick<ClusterLayout, "x" | "y">, ax: number, ay: number, bx: number, by: number): [number[], number[]] {
  const left: number[] = [], right: number[] = [];
  const dx = bx - ax, dy = by - ay;
  for (let i = 0; i < l.x.length; i++) {
    const cross = dx * (l.y[i] - ay) - dy * (l.x[i] - ax);
    (cross < 0 ? left : right).push(i);
  }
  return [left, right];
}
