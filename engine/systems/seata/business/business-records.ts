import type { Micros } from "../../../core/time";

/**
 * The history records every mode of the shared "place order" business transaction emits (2PC,
 * Seata AT, TCC, Saga), so the business checkers and the four-way comparison read one shape
 * whatever ran. A mode may record more of its own; these it must record.
 */
export const BUSINESS_RECORD = {
  /** The client (TM) starts a business transaction: `{ txn, mode }`. */
  begin: "txn.begin",
  /** The client learns the end: `{ txn, mode, outcome, latency }` (latency µs since begin). */
  outcome: "txn.outcome",
  /**
   * A lock or reservation was taken: `{ resource, txn, kind, durable? }`; `durable: false` for a
   * lock only in a process's memory, which a crash releases (absent: it survives crashes).
   */
  lockAcquired: "lock.acquired",
  /** A lock or reservation was released: `{ resource, txn, from, to, kind }` (µs). */
  lockHeld: "lock.held",
  /** A mode saw something its rules call an anomaly: `{ kind, txn, resource, detail }`. */
  anomaly: "anomaly",
  /** A business row's first value, at its service's first start: `{ service, resource, value }`. */
  init: "business.init",
  /** A business row changed: `{ service, resource, txn, before, after, undo }`. */
  write: "business.write",
  /** A reader read a business row: `{ service, resource, txn, value, writer }`. */
  read: "business.read",
} as const;

/** The modes a business transaction can run under. */
export type BusinessMode = "2pc" | "at" | "tcc" | "saga";

/**
 * How a business transaction ended, as its client learned it:
 * - `committed`: every branch's effect stays;
 * - `rolled-back`: no branch's effect stays (phase two undid, cancelled or compensated them);
 * - `rollback-failed`: the rollback stopped and needs a person (Seata AT's dirty write);
 * - `unknown`: the client could not learn the outcome before it gave up.
 */
export type BusinessOutcome = "committed" | "rolled-back" | "rollback-failed" | "unknown";

/** The fields of a `txn.outcome` record. */
export interface OutcomeFields {
  txn: string;
  mode: BusinessMode;
  outcome: BusinessOutcome;
  latency: Micros;
  /** Why it did not commit, when it did not (a branch's refusal, a timeout, a lock conflict). */
  reason?: string;
}

/**
 * What a `lock.held` record's `kind` names: Seata AT's global row lock at the TC, a database
 * row lock held across phase two (2PC/XA), a TCC reservation (frozen amount), or a local lock
 * held only during one local transaction.
 */
export type LockKind = "global-lock" | "row-lock" | "tcc-reservation" | "local-lock";

/** The fields of a `lock.held` record. */
export interface LockHeldFields {
  resource: string;
  txn: string;
  from: Micros;
  to: Micros;
  kind: LockKind;
}

/** Anomaly kinds the modes report (`anomaly` records) and the checkers find. */
export type AnomalyKind = "dirty-write" | "dirty-read" | "lost-update" | "empty-rollback" | "suspension" | "non-idempotent";
