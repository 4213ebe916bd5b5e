import type { Micros } from "../../core/time";
import { MS, SECOND } from "../../core/time";
import { choiceValue, durationValue } from "./config-values";

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

/** Options of a 2PC or 3PC coordinator. */
export interface CoordinatorOptions {
  presumption: Presumption;
  /** How long the coordinator waits for every vote before it decides abort (BHG). */
  voteTimeout: Micros;
  /** 3PC: how long it waits for PRE-COMMIT acks; then it commits, taking the silent as failed (BHG). */
  ackTimeout: Micros;
  /** How often it re-sends a decision to participants that have not acknowledged it. */
  resendInterval: Micros;
  /** How long a forced log write (an fsync) takes. */
  forceLatency: Micros;
  bug: CoordinatorBug;
}

/** Options of a 2PC or 3PC participant. */
export interface ParticipantOptions {
  presumption: Presumption;
  termination: TerminationMode;
  /** After the client's work arrives, how long to wait for VOTE-REQ before aborting alone (BHG). */
  voteRequestTimeout: Micros;
  /**
   * After voting yes, how long to wait for the decision (2PC) or PRE-COMMIT (3PC) before the
   * termination protocol starts. Longer than the coordinator's vote timeout, so a live
   * coordinator decides first.
   */
  decisionTimeout: Micros;
  /** 3PC: after acknowledging PRE-COMMIT, how long to wait for DO-COMMIT before termination. */
  commitTimeout: Micros;
  /** How long one termination round waits for the answers of the others. */
  terminationTimeout: Micros;
  /** Between two termination rounds that found no answer (a blocked participant keeps asking). */
  terminationInterval: Micros;
  /** 3PC: how long a participant waits for the elected coordinator before it elects again. */
  leaderTimeout: Micros;
  /** 3PC: how long an elected coordinator waits for PRE-COMMIT acks before it commits. */
  ackTimeout: Micros;
  forceLatency: Micros;
  bug: ParticipantBug;
}

/**
 * The defaults. The rules are BHG chapter 7's and R*'s; the numbers are ours, chosen so the
 * timeouts are ordered as the textbook assumes: the coordinator's vote timeout (500 ms) expires
 * before a participant's decision timeout (1 s), which expires long after a round trip. A forced
 * write takes 1 ms, about an fsync on a datacenter SSD.
 */
export const COMMIT_DEFAULTS = {
  presumption: "abort" as Presumption,
  termination: "cooperative" as TerminationMode,
  voteTimeout: 500 * MS,
  ackTimeout: 500 * MS,
  resendInterval: 500 * MS,
  forceLatency: 1 * MS,
  voteRequestTimeout: 2 * SECOND,
  decisionTimeout: 1 * SECOND,
  commitTimeout: 1 * SECOND,
  terminationTimeout: 100 * MS,
  terminationInterval: 500 * MS,
  leaderTimeout: 500 * MS,
};

const PRESUMPTIONS: readonly Presumption[] = ["abort", "nothing"];

/** Reads a coordinator's config (the scenario's `config` object) into typed options. */
export function coordinatorOptions(c: Record<string, unknown>, where: string): CoordinatorOptions {
  const d = COMMIT_DEFAULTS;
  return {
    presumption: choiceValue(c.presumption, `${where}.presumption`, PRESUMPTIONS, d.presumption),
    voteTimeout: durationValue(c.voteTimeout, `${where}.voteTimeout`, d.voteTimeout),
    ackTimeout: durationValue(c.ackTimeout, `${where}.ackTimeout`, d.ackTimeout),
    resendInterval: Math.max(1, durationValue(c.resendInterval, `${where}.resendInterval`, d.resendInterval)),
    forceLatency: durationValue(c.forceLatency, `${where}.forceLatency`, d.forceLatency),
    bug: choiceValue<CoordinatorBug>(c.bug, `${where}.bug`, ["none", "commit-before-durable"], "none"),
  };
}

/** Reads a participant's config into typed options. */
export function participantOptions(c: Record<string, unknown>, where: string): ParticipantOptions {
  const d = COMMIT_DEFAULTS;
  return {
    presumption: choiceValue(c.presumption, `${where}.presumption`, PRESUMPTIONS, d.presumption),
    termination: choiceValue<TerminationMode>(c.termination, `${where}.termination`, ["cooperative", "coordinator-only"], d.termination),
    voteRequestTimeout: durationValue(c.voteRequestTimeout, `${where}.voteRequestTimeout`, d.voteRequestTimeout),
    decisionTimeout: durationValue(c.decisionTimeout, `${where}.decisionTimeout`, d.decisionTimeout),
    commitTimeout: durationValue(c.commitTimeout, `${where}.commitTimeout`, d.commitTimeout),
    terminationTimeout: Math.max(1, durationValue(c.terminationTimeout, `${where}.terminationTimeout`, d.terminationTimeout)),
    terminationInterval: Math.max(1, durationValue(c.terminationInterval, `${where}.terminationInterval`, d.terminationInterval)),
    leaderTimeout: Math.max(1, durationValue(c.leaderTimeout, `${where}.leaderTimeout`, d.leaderTimeout)),
    ackTimeout: durationValue(c.ackTimeout, `${where}.ackTimeout`, d.ackTimeout),
    forceLatency: durationValue(c.forceLatency, `${where}.forceLatency`, d.forceLatency),
    bug: choiceValue<ParticipantBug>(c.bug, `${where}.bug`, ["none", "forget-vote"], "none"),
  };
}
