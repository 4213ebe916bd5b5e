import { MS, SECOND } from "../../core/time";
import type { OptionTable, OptionValues } from "../../options/option-table";
import { defaultsOf, readOptions } from "../../options/option-table";

/**
 * Which outcome a process presumes when its log says nothing (Mohan, Lindsay & Obermarck, R*):
 * - `abort` (presumed abort): aborts are neither forced nor acknowledged, an inquiry about an
 *   unknown transaction is answered "abort", read-only participants drop out of phase two;
 * - `nothing` (presumed nothing, the textbook protocol): the coordinator forces a "collecting"
 *   record naming the participants before it asks for votes, forces aborts as well as commits,
 *   and waits for every participant to acknowledge either.
 */
export type Presumption = "abort" | "nothing";

/** Bugs a coordinator can be switched into, for the bug zoo. */
export type CoordinatorBug =
  /** Correct. */
  | "none"
  /**
   * Sends COMMIT while its commit record is still being forced: a crash inside that fsync loses
   * the decision, the restarted coordinator presumes abort, and a client that asks is told
   * "abort" while the participants have committed.
   */
  | "commit-before-durable";

/** Bugs a participant can be switched into, for the bug zoo. */
export type ParticipantBug =
  /** Correct. */
  | "none"
  /**
   * On restart, ignores the YES records in its log: it rolls back every transaction its log holds
   * no decision for, as if it had never voted, while the coordinator may have decided commit on
   * the strength of that vote.
   */
  | "forget-vote";

/** How an uncertain 2PC participant looks for the decision. */
export type TerminationMode =
  /** BHG's cooperative termination protocol: ask the coordinator and every other participant. */
  | "cooperative"
  /** Ask only the coordinator (plain 2PC): any participant uncertain when it fails is blocked. */
  | "coordinator-only";

/**
 * What coordinators and participants share, declared once. The rules are BHG chapter 7's and
 * R*'s; the numbers are ours, chosen so the timeouts are ordered as the textbook assumes: the
 * coordinator's vote timeout (500 ms) expires before a participant's decision timeout (1 s),
 * which expires long after a round trip. A forced write takes 1 ms, about an fsync on a
 * datacenter SSD.
 */
const SHARED = {
  presumption: { type: "enum", default: "abort", values: ["abort", "nothing"], description: "Presumed abort (R*, the default) or presumed nothing (the textbook protocol).", source: "R* presumed abort" },
  ackTimeout: { type: "duration", default: 500 * MS, description: "3PC: how long a coordinator (or an elected one) waits for PRE-COMMIT acks before it commits, taking the silent as failed.", source: "BHG 3PC" },
  forceLatency: { type: "duration", default: 1 * MS, description: "How long a forced log write (an fsync) takes." },
} as const satisfies OptionTable;

/** A 2PC or 3PC coordinator's options, each declared once (engine/options/option-table.ts). */
export const COORDINATOR_OPTIONS = {
  presumption: SHARED.presumption,
  voteTimeout: { type: "duration", default: 500 * MS, description: "How long the coordinator waits for every vote before it decides abort.", source: "BHG" },
  ackTimeout: SHARED.ackTimeout,
  resendInterval: { type: "duration", default: 500 * MS, description: "How often it re-sends a decision that is not acknowledged (at least 1us)." },
  forceLatency: SHARED.forceLatency,
  bug: { type: "enum", default: "none", values: ["none", "commit-before-durable"], description: "Bug zoo: send COMMIT while the commit record is still being forced." },
} as const satisfies OptionTable;

/** A 2PC or 3PC participant's options (its vote policy is read beside them, vote-policy.ts). */
export const PARTICIPANT_OPTIONS = {
  presumption: SHARED.presumption,
  termination: { type: "enum", default: "cooperative", values: ["cooperative", "coordinator-only"], description: "2PC: ask the other participants too (BHG's cooperative termination), or only the coordinator (plain 2PC, which blocks)." },
  voteRequestTimeout: { type: "duration", default: 2 * SECOND, description: "After the client's work arrives, how long to wait for VOTE-REQ before aborting alone.", source: "BHG" },
  decisionTimeout: { type: "duration", default: 1 * SECOND, description: "After voting yes, how long to wait for the decision (3PC: PRE-COMMIT) before the termination protocol starts; longer than the vote timeout, so a live coordinator decides first." },
  commitTimeout: { type: "duration", default: 1 * SECOND, description: "3PC: after acknowledging PRE-COMMIT, how long to wait for DO-COMMIT before termination." },
  terminationTimeout: { type: "duration", default: 100 * MS, description: "How long one termination round waits for the answers of the others (at least 1us)." },
  terminationInterval: { type: "duration", default: 500 * MS, description: "Between termination rounds that found no answer; a blocked participant keeps asking (at least 1us)." },
  leaderTimeout: { type: "duration", default: 500 * MS, description: "3PC: how long to wait for the elected coordinator before electing again (at least 1us)." },
  ackTimeout: SHARED.ackTimeout,
  forceLatency: SHARED.forceLatency,
  bug: { type: "enum", default: "none", values: ["none", "forget-vote"], description: "Bug zoo: on restart, roll back transactions voted yes but undecided." },
} as const satisfies OptionTable;

/** Options of a 2PC or 3PC coordinator. */
export type CoordinatorOptions = OptionValues<typeof COORDINATOR_OPTIONS>;

/** Options of a 2PC or 3PC participant. */
export type ParticipantOptions = OptionValues<typeof PARTICIPANT_OPTIONS>;

/** Every coordinator and participant default, from the tables. */
export const COMMIT_DEFAULTS = { ...defaultsOf(COORDINATOR_OPTIONS), ...defaultsOf(PARTICIPANT_OPTIONS) };

/** Reads a coordinator's config (the scenario's `config` object) into typed options. */
export function coordinatorOptions(c: Record<string, unknown>, where: string): CoordinatorOptions {
  const o = readOptions(COORDINATOR_OPTIONS, c, where);
  return { ...o, resendInterval: Math.max(1, o.resendInterval) };
}

/** Reads a participant's config into typed options. */
export function participantOptions(c: Record<string, unknown>, where: string): ParticipantOptions {
  const o = readOptions(PARTICIPANT_OPTIONS, c, where);
  return {
    ...o,
    terminationTimeout: Math.max(1, o.terminationTimeout),
    terminationInterval: Math.max(1, o.terminationInterval),
    leaderTimeout: Math.max(1, o.leaderTimeout),
  };
}
