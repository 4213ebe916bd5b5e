import type { Micros } from "../core/time";
import type { Json } from "../core/json";
import type { Tagged } from "../core/event-kinds";
import type { EventLoop } from "../core/loop";
import type { Address, CallErrorCode, Metrics, ProcessInfo } from "./runtime-api";
import type { SimMessage } from "./sim-message";

/** An error thrown by component code, kept in the result (it is a bug, not a fault). */
export interface ProcessError {
  t: Micros;
  address: Address;
  message: string;
}

/** The trace events a process writes; the trace recorder implements it. */
export type ProcessTraceKind = "start" | "state" | "log" | "timer" | "record";

/** The part of the trace recorder the process layer writes to. */
export interface ProcessRecorder {
  /** Records a process event; returns its sequence number. */
  proc(time: Micros, kind: ProcessTraceKind, proc: number, fields: Record<string, Json> | null): number;
}

/**
 * Where processes' messages go. The transport in `net/` implements it; the process layer sits
 * below the network and reaches it only through this port.
 */
export interface Outbox {
  /**
   * Sends a message from process `fromProc`; a message from a dead incarnation (`senderAlive`
   * false) is recorded and dropped. Returns the message as the network holds it.
   */
  send(fromProc: number, to: Address, type: string, body: unknown, isRequest: boolean,
    replyTo: number | undefined, error: CallErrorCode | undefined, senderAlive: boolean): SimMessage;
  /** Sends the reply to a request: its value, or an error code with a body that explains it. */
  reply(fromProc: number, senderAlive: boolean, req: SimMessage, body: unknown, error: CallErrorCode | undefined): void;
}

/** Where `rt.record` goes: the history the checkers read, and the triggers that watch it. */
export interface HistorySink {
  record(proc: number, event: string, fields: Record<string, Json>): void;
}

/** What every process host of a run shares: the loop, the ports out of the layer, the errors. */
export interface HostContext {
  readonly loop: EventLoop<Tagged>;
  readonly rec: ProcessRecorder | null;
  readonly metrics: Metrics;
  readonly outbox: Outbox;
  readonly history: HistorySink;
  readonly directory: readonly ProcessInfo[];
  readonly errors: ProcessError[];
}
