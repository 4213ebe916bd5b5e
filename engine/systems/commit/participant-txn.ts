import type { Micros } from "../../core/time";
import type { TimerId } from "../../node/runtime-api";
import type { Outcome } from "./vote-policy";

/** Where a transaction stands at a participant. */
export type ParticipantPhase =
  | "working" | "preparing" | "uncertain" | "committable" | "recovering" | "read-only" | Outcome;

/** One transaction at a participant, in memory. */
export interface ParticipantTxn {
  txn: string;
  phase: ParticipantPhase;
  coordinator: string;
  participants: string[];
  /** The outcome being forced to the log, while it is. */
  deciding: Outcome | null;
  timer: TimerId | null;
  /** Local time the participant became uncertain, or null. */
  uncertainSince: Micros | null;
  /** Whether it was recorded as blocked during this uncertainty. */
  blocked: boolean;
}
