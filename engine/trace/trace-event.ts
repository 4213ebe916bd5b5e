import type { Micros } from "../core/time";
import type { Json } from "../core/json";

/** The kinds of trace event. */
export type TraceKind =
  | "start" // a process started (or restarted: see `incarnation`)
  | "send" // a message left `from` (id, from, to, type, body)
  | "deliver" // a message reached `to` (id; dup for network duplicates)
  | "drop" // a message was lost (id, reason)
  | "timer" // a process timer fired (label)
  | "crash" | "restart" | "pause" | "resume" // node faults (node)
  | "partition" | "heal" // network faults (fault: a description; cuts as [from, to] node pairs)
  | "clock" // a node's clock was stepped or its drift changed
  | "link" // link behaviour changed
  | "state" // a process published state (patches, immer's JSON patches)
  | "log" // a free-form log line (message, fields)
  | "record" // a history entry for the checkers (event, fields)
  | "metric" // a sample of the metrics timeline
  | "check" // a checker's verdict (name, status)
  | "end"; // the run ended (reason)

/** Why a message was dropped. */
export type DropReason =
  | "loss" // the link's loss ratio
  | "partition" // a cut link at send or at arrival
  | "node-down" // the receiving node was down when it arrived
  | "sender-down" // the sending process crashed before the message left
  | "no-process"; // no process at that address

/**
 * One decoded trace event. `seq` is the event's index in the trace. Fields beyond these depend on
 * the kind; the canonical encoding writes them all with sorted keys.
 */
export interface TraceEvent {
  t: Micros;
  seq: number;
  kind: TraceKind;
  /** The node the event happened on. */
  node?: string;
  /** The process, where one is involved. */
  proc?: string;
  id?: number;
  from?: string;
  to?: string;
  type?: string;
  body?: Json;
  reason?: string;
  [field: string]: Json | undefined;
}
