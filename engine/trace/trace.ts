import type { TraceEvent } from "./trace-event";

/**
 * A recorded trace: its hash (always over the whole run), and the decoded events it still keeps:
 * all of them, or the last N when the run kept a ring (`RunOptions.traceKeep`).
 */
export interface Trace {
  /** Number of events recorded. */
  readonly length: number;
  /** The first event still kept: `at` and `line` answer for `[first, length)`. 0 when all are kept. */
  readonly first: number;
  /** The decoded event at index `seq`. */
  at(seq: number): TraceEvent;
  /** Every kept event, decoded. */
  events(): TraceEvent[];
  /**
   * The events reports are drawn from: every fault event and the first 1,000 drops of the whole
   * run that lie before the kept ring, then every kept event (all of them when all are kept).
   */
  reportEvents(): TraceEvent[];
  /** The canonical line of one event: JSON with sorted keys. */
  line(seq: number): string;
  /** The canonical encoding: one line per event, each ending in a newline. Only when every event was kept. */
  toJSONL(): string;
  /** Hash of the canonical encoding (16 hex digits) of every event, kept or not; the same in Node and in the browser. */
  readonly hash: string;
}
