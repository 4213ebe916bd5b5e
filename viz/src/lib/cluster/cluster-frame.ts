import { DROPPED, type TraceBundle } from "../trace/trace-bundle";
import { statusLabel } from "../trace/status-builder";
import { upperBound } from "../layout/time-index";
import { FlightIndex } from "./flight-index";
import type { NodeInfo } from "./cluster-roles";
import type { ClusterLayout } from "./cluster-layout";

/** Node states as the frame gives them. */
export const UP = 0, DOWN = 1, PAUSED = 2;

/** One status a process holds for a while (`breaker.state`, `role`), as sorted stretches. */
interface StatusTrack {
  node: number;
  t0: Float64Array;
  t1: Float64Array;
  labels: string[];
}

/** Stretches of time a node is down or paused, sorted by start. */
interface NodeBands {
  t0: Float64Array;
  t1: Float64Array;
  kind: Uint8Array;
}

/**
 * What the cluster view derives from a run once: each arrow's endpoints as nodes, the time
 * index of flights, the pairs of nodes that talk (the edges drawn), node bands and status
 * tracks by node. Everything a frame reads is then a bucket or a binary search away.
 */
export interface ClusterModel {
  bundle: TraceBundle;
  info: NodeInfo[];
  fromNode: Int32Array;
  toNode: Int32Array;
  flight: FlightIndex;
  /** Undirected node pairs that exchanged a message, as [a0, b0, a1, b1...] with a < b. */
  edges: Int32Array;
  bands: Array<NodeBands | null>;
  tracks: StatusTrack[][];
}

/** Status keys shown even when their value never changes. */
const ALWAYS_SHOWN: ReadonlySet<string> = new Set(["state", "role", "leader", "status", "mode"]);

/** A badge's text: the value alone for a node's state or role, else what it is the value of. */
export function badgeLabel(key: string, value: string): string {
  if (key.includes(".")) return statusLabel(key, value);
  return ALWAYS_SHOWN.has(key) && key !== "leader" ? value : `${key} ${value}`;
}

/** Most edges kept for drawing: past that, the lines are a grey wash and cost frames. */
export const EDGE_LIMIT = 20_000;

export function clusterModel(bundle: TraceBundle, info: NodeInfo[]): ClusterModel {
  const a = bundle.arrows;
  const nodeOfLane = Int32Array.from(bundle.lanes, (l) => l.nodeIndex);
  const fromNode = new Int32Array(a.count), toNode = new Int32Array(a.count);
  const n = bundle.nodes.length;
  const seen = new Set<number>();
  const edges: number[] = [];
  for (let i = 0; i < a.count; i++) {
    const f = nodeOfLane[a.fromLane[i]] ?? -1, to = nodeOfLane[a.toLane[i]] ?? -1;
    fromNode[i] = f;
    toNode[i] = to;
    if (f < 0 || to < 0 || f === to || edges.length >= EDGE_LIMIT * 2) continue;
    const lo = Math.min(f, to), hi = Math.max(f, to);
    const key = lo * n + hi;
    if (!seen.has(key)) {
      seen.add(key);
      edges.push(lo, hi);
    }
  }
  const byNode: Array<Array<[number, number, number]>> = Array.from({ length: n }, () => []);
  for (const b of bundle.bands) {
    if (b.kind === "partition" || b.node < 0 || b.node >= n) continue;
    byNode[b.node].push([b.t0, b.t1, b.kind === "down" ? DOWN : PAUSED]);
  }
  const bands = byNode.map((list) => {
    if (list.length === 0) return null;
    list.sort((p, q) => p[0] - q[0]);
    return { t0: Float64Array.from(list, (x) => x[0]), t1: Float64Array.from(list, (x) => x[1]), kind: Uint8Array.from(list, (x) => x[2]) };
  });
  const trackMap = new Map<string, { node: number; segs: Array<[number, number, string]> }>();
  for (const s of bundle.status) {
    const node = nodeOfLane[s.lane] ?? -1;
    if (node < 0) continue;
    const id = `${s.lane}|${s.key}`;
    let tr = trackMap.get(id);
    if (!tr) trackMap.set(id, (tr = { node, segs: [] }));
    tr.segs.push([s.t0, s.t1, badgeLabel(s.key, s.value)]);
  }
  const tracks: StatusTrack[][] = Array.from({ length: n }, () => []);
  for (const [id, tr] of trackMap) {
    // A value that never changes (`service: api`) says nothing at a glance, unless it is what a
    // badge is for: a breaker closed all run, a follower that stayed one.
    const key = id.slice(id.indexOf("|") + 1);
    if (!ALWAYS_SHOWN.has(key.split(".").pop()!) && new Set(tr.segs.map((x) => x[2])).size < 2) continue;
    tr.segs.sort((p, q) => p[0] - q[0]);
    tracks[tr.node].push({ node: tr.node, t0: Float64Array.from(tr.segs, (x) => x[0]), t1: Float64Array.from(tr.segs, (x) => x[1]), labels: tr.segs.map((x) => x[2]) });
  }
  return { bundle, info, fromNode, toNode, flight: new FlightIndex(a, bundle.tEnd), edges: Int32Array.from(edges), bands, tracks };
}

/** Everything on screen at one time: the pure answer a test can compare with the trace. */
export interface ClusterFrame {
  t: number;
  /** Per node: `UP`, `DOWN` or `PAUSED`. */
  state: Uint8Array;
  /** Messages in flight: arrow index, position, whether it is one that will be dropped. */
  dots: { arrow: Int32Array; x: Float32Array; y: Float32Array; dropped: Uint8Array; count: number };
  /** Messages that died in the last `dropFade` of time, where they died; `age` 0 (now) to 1. */
  drops: Array<{ arrow: number; x: number; y: number; age: number }>;
  /** Node pairs a partition in force at `t` cuts (undirected, a < b). */
  cuts: Array<[number, number]>;
  /** Per node: the status labels in force (breaker, role, phase...), null when none. */
  badges: Array<string[] | null>;
}

export interface FrameOptions {
  /** How long a drop stays marked after it happens, in trace time. */
  dropFade: number;
  /** Most status labels per node. Default 3. */
  maxBadges?: number;
}

/** Where along its edge a message dropped at its receiver is marked: short of the node. */
const DEATH_AT = 0.82;

/** The state of node `i` at `t` from its bands. */
function nodeState(b: NodeBands | null, t: number): number {
  if (!b) return UP;
  let j = upperBound(b.t0, t) - 1;
  // Bands of one node do not overlap, except a pause inside a down stretch; look back a little.
  for (let k = 0; k < 4 && j >= 0; k++, j--) if (t < b.t1[j]) return b.kind[j];
  return UP;
}

/** What is on screen at time `t`. Costs O(nodes + messages in flight + status tracks). */
export function clusterFrame(m: ClusterModel, layout: Pick<ClusterLayout, "x" | "y" | "radius">, t: number, opts: FrameOptions): ClusterFrame {
  const n = m.info.length;
  const a = m.bundle.arrows;
  const state = new Uint8Array(n);
  for (let i = 0; i < n; i++) state[i] = nodeState(m.bands[i], t);
  const live = m.flight.at(t);
  const dots = { arrow: new Int32Array(live.length), x: new Float32Array(live.length), y: new Float32Array(live.length), dropped: new Uint8Array(live.length), count: 0 };
  for (const i of live) {
    const f = m.fromNode[i], to = m.toNode[i];
    if (f < 0 || to < 0) continue;
    const p = (t - a.sendT[i]) / (a.endT[i] - a.sendT[i]);
    const dropped = a.status[i] === DROPPED;
    // A dropped message travels only as far as it got: short of the node where it died.
    const q = dropped && f !== to ? p * DEATH_AT : p;
    const k = dots.count++;
    dots.arrow[k] = i;
    dots.x[k] = layout.x[f] + q * (layout.x[to] - layout.x[f]);
    dots.y[k] = layout.y[f] + q * (layout.y[to] - layout.y[f]);
    dots.dropped[k] = dropped ? 1 : 0;
  }
  const drops: ClusterFrame["drops"] = [];
  if (opts.dropFade > 0) {
    for (const i of m.flight.droppedIn(t - opts.dropFade, t)) {
      const at = deathPoint(m, layout, i);
      if (at) drops.push({ arrow: i, x: at[0], y: at[1], age: (t - a.endT[i]) / opts.dropFade });
    }
  }
  const cuts: Array<[number, number]> = [];
  const cutSeen = new Set<number>();
  for (const b of m.bundle.bands) {
    if (b.kind !== "partition" || !(b.t0 <= t && t < b.t1) || !b.cuts) continue;
    for (const [p, q] of b.cuts) {
      if (p < 0 || q < 0 || p === q) continue;
      const lo = Math.min(p, q), hi = Math.max(p, q);
      const key = lo * n + hi;
      if (cutSeen.has(key)) continue;
      cutSeen.add(key);
      cuts.push([lo, hi]);
    }
  }
  const max = opts.maxBadges ?? 3;
  const badges: Array<string[] | null> = new Array(n).fill(null);
  for (let i = 0; i < n; i++) {
    if (state[i] === DOWN) continue;
    for (const tr of m.tracks[i]) {
      const j = upperBound(tr.t0, t) - 1;
      if (j < 0 || t >= tr.t1[j]) continue;
      const list = (badges[i] ??= []);
      if (list.length < max) list.push(tr.labels[j]);
    }
  }
  return { t, state, dots, drops, cuts, badges };
}

/** Where a dropped message is marked: short of the receiver it died at, or beside its sender. */
export function deathPoint(m: ClusterModel, layout: Pick<ClusterLayout, "x" | "y" | "radius">, i: number): [number, number] | null {
  const f = m.fromNode[i], to = m.toNode[i];
  if (f < 0 || to < 0) return null;
  if (f === to) return [layout.x[f] + layout.radius * 1.4, layout.y[f] - layout.radius * 1.4];
  return [layout.x[f] + DEATH_AT * (layout.x[to] - layout.x[f]), layout.y[f] + DEATH_AT * (layout.y[to] - layout.y[f])];
}

/** The dot nearest to a point within `reach` pixels: its arrow, or -1. */
export function dotAt(f: ClusterFrame, px: number, py: number, reach = 6): number {
  let best = -1, bestD = reach * reach;
  const d = f.dots;
  for (let k = 0; k < d.count; k++) {
    const dx = d.x[k] - px, dy = d.y[k] - py;
    const dd = dx * dx + dy * dy;
    if (dd <= bestD) {
      bestD = dd;
      best = d.arrow[k];
    }
  }
  for (const dr of f.drops) {
    const dx = dr.x - px, dy = dr.y - py;
    const dd = dx * dx + dy * dy;
    if (dd < bestD) {
      bestD = dd;
      best = dr.arrow;
    }
  }
  return best;
}
