import type { Lane } from "../trace/trace-bundle";

/** Sizes of the lane layout, in CSS pixels. */
export interface LaneLayoutOptions {
  /** Height of one lane. Default 28. */
  laneHeight?: number;
  /** Extra space between two nodes' groups of lanes. Default 8. */
  nodeGap?: number;
  /** Space above the first lane (the time axis and the row of pins). Default 40. */
  top?: number;
}

/** Where each lane sits, and the span of each node's group. */
export interface LaneLayout {
  /** Centre line of each lane. */
  y: Float64Array;
  laneHeight: number;
  /** Top and bottom of each node's group of lanes, by node index. */
  nodeTop: Float64Array;
  nodeBottom: Float64Array;
  /** Total height, axis included. */
  height: number;
}

/**
 * Stacks lanes top to bottom in their order, a gap between nodes so that a node's processes
 * read as one machine. Lanes are expected grouped by node (the bundle builder orders them so).
 */
export function laneLayout(lanes: readonly Lane[], nodeCount: number, options: LaneLayoutOptions = {}): LaneLayout {
  const laneHeight = options.laneHeight ?? 28;
  const nodeGap = options.nodeGap ?? 8;
  const top = options.top ?? 40;
  const y = new Float64Array(lanes.length);
  const nodeTop = new Float64Array(nodeCount).fill(NaN);
  const nodeBottom = new Float64Array(nodeCount).fill(NaN);
  let at = top;
  let prevNode = -1;
  lanes.forEach((lane, i) => {
    if (prevNode !== -1 && lane.nodeIndex !== prevNode) at += nodeGap;
    if (Number.isNaN(nodeTop[lane.nodeIndex])) nodeTop[lane.nodeIndex] = at;
    y[i] = at + laneHeight / 2;
    at += laneHeight;
    nodeBottom[lane.nodeIndex] = at;
    prevNode = lane.nodeIndex;
  });
  return { y, laneHeight, nodeTop, nodeBottom, height: at + 4 };
}

/** The lane under a vertical position, or -1 (above the first lane, in a gap, below the last). */
export function laneAt(layout: LaneLayout, py: number): number {
  const half = layout.laneHeight / 2;
  let lo = 0, hi = layout.y.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = layout.y[mid];
    if (py < c - half) hi = mid - 1;
    else if (py >= c + half) lo = mid + 1;
    else return mid;
  }
  return -1;
}
