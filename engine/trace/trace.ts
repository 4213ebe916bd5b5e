import type { TraceEvent } from "./trace-event";

/** A recorded trace: decoded events, the canonical encoding and its hash. */
export interface Trace {
  /** Number of events. */
  readonly length: number;
  /** The decoded event at index `seq`. */
  at(seq: number): TraceEvent;
  /** Every event, decoded. */
  events(): TraceEvent[];
  /** The canonical line of one event: JSON with sorted keys. */
  line(seq: number): string;
  /** The canonical encoding: one line per event, each ending in a newline. */
  toJSONL(): string;
  /** Hash of the canonical encoding (16 hex digits), the same in Node and in the browser. */
  readonly hash: string;
}
