import type { Micros } from "../core/time";
import type { CallErrorCode, Message } from "./runtime-api";

/**
 * A message as the kernel holds it: the public `Message` plus the indices the hot path needs.
 * The same object is the queue's payload for its delivery and the trace's record of it.
 */
export interface SimMessage extends Message {
  readonly fromProc: number;
  readonly toProc: number;
  readonly fromNode: number;
  readonly toNode: number;
  /** Set for requests: the caller waits for a reply. */
  readonly isRequest: boolean;
  readonly sentAt: Micros;
  dup?: number;
  /** For an error reply: why the call failed. */
  readonly error?: CallErrorCode;
  /** Queue payload tag (always `K_MSG`). */
  readonly k: number;
}
