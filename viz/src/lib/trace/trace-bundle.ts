import type { Seed } from "../../../../engine/scenario";
import type { RunResult } from "../../../../engine/result";
import type { TermSegment } from "./term-builder";

/** One row of the space-time diagram: a process on a node, or a node that has no process. */
export interface Lane {
  node: string;
  /** The process name; null for a node that runs no process. */
  proc: string | null;
  /** `node/process`, or the node name for a node lane. */
  address: string;
  /** Index into `TraceBundle.nodes`. */
  nodeIndex: number;
}

/** Arrow status codes. */
export const IN_FLIGHT = 0, DELIVERED = 1, DROPPED = 2;

/**
 * Every message arrow, one per delivery or drop (a duplicated message has two), plus one per
 * message still in flight at the end. Sorted by send time, so the arrows crossing a time
 * window are found by binary search from `window start - maxSpan`.
 */
export interface ArrowTable {
  count: number;
  sendT: Float64Array;
  /** Delivery or drop time; the end of the run for a message still in flight. */
  endT: Float64Array;
  fromLane: Int32Array;
  /** The receiver's lane for a delivery; where the message died for a drop. */
  toLane: Int32Array;
  /** `IN_FLIGHT`, `DELIVERED` or `DROPPED`. */
  status: Uint8Array;
  /** Index into `TraceBundle.reasons` (drops only). */
  reason: Uint8Array;
  /** Index into `TraceBundle.types`. */
  type: Uint16Array;
  id: Float64Array;
  sendSeq: Int32Array;
  /** -1 for a message still in flight. */
  endSeq: Int32Array;
  /** The longest `endT - sendT`. */
  maxSpan: number;
}

/** A stretch of time drawn as a shaded band: a node down or paused, or a partition. */
export interface Band {
  kind: "down" | "paused" | "partition";
  /** Node index; -1 for a partition, which concerns links between nodes. */
  node: number;
  t0: number;
  t1: number;
  /** Sequence numbers of the events that opened and closed it (-1: still open at the end). */
  seq0: number;
  seq1: number;
  label: string;
  /** For partitions: the cut links as [from, to] node indices. */
  cuts?: Array<[number, number]>;
}

/** A status value (breaker state, 2PC phase, leader...) held by a process for a while. */
export interface StatusSegment {
  lane: number;
  /** The state key it was read from: `state`, `phase`, `breaker.state`... */
  key: string;
  value: string;
  t0: number;
  t1: number;
  /** The state event that set it. */
  seq: number;
}

/** A point of the metrics timeline recorded in the trace (counters cumulative). */
export interface TraceMetricPoint {
  t: number;
  counters: Record<string, number>;
  gauges: Record<string, number>;
}

/**
 * A whole trace in the form the page draws from: columns of typed arrays (one entry per event),
 * the message arrows, bands and status segments, and every event's JSON line as UTF-8 bytes,
 * decoded only when a row of the log or a state patch needs it. The worker builds it and
 * transfers the buffers, so even a million events cross to the page without copying.
 */
export interface TraceBundle {
  name: string;
  seed: Seed | null;
  /** The trace hash: the engine's for a run, the hash of the file's lines for a loaded trace. */
  hash: string;
  count: number;
  /** Time of the last event. */
  tEnd: number;
  nodes: string[];
  lanes: Lane[];
  /** Per event: time, kind code (event-kinds), lane (-1 for node and run events), node (-1 for run events), arrow (-1). */
  t: Float64Array;
  kind: Uint8Array;
  lane: Int32Array;
  node: Int32Array;
  arrow: Int32Array;
  arrows: ArrowTable;
  types: string[];
  reasons: string[];
  bands: Band[];
  status: StatusSegment[];
  /** Each process's consensus term over time (servers that publish a `term`). */
  terms: TermSegment[];
  metrics: TraceMetricPoint[];
  /** The events' JSON lines, UTF-8, with each event's byte range. */
  text: Uint8Array;
  lineStart: Uint32Array;
  lineEnd: Uint32Array;
  /** The run's result, when the trace comes from a run (or a file that carried one). */
  result: RunResult | null;
}

/** The buffers of a bundle, for `postMessage`'s transfer list. */
export function bundleBuffers(b: TraceBundle): ArrayBuffer[] {
  const a = b.arrows;
  const views = [b.t, b.kind, b.lane, b.node, b.arrow, b.text, b.lineStart, b.lineEnd,
    a.sendT, a.endT, a.fromLane, a.toLane, a.status, a.reason, a.type, a.id, a.sendSeq, a.endSeq];
  const seen = new Set<ArrayBuffer>();
  for (const v of views) seen.add(v.buffer as ArrayBuffer);
  return [...seen];
}
