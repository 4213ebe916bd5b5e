import type { BranchOp } from "../business/place-order";

/** The AT mode's process kinds. */
export const AT_KIND = {
  server: "seata-server",
  service: "seata-at-service",
  business: "seata-at-business",
  reader: "seata-at-reader",
  localWriter: "seata-at-local-writer",
} as const;

/**
 * Message types, after Seata's protocol messages (GlobalBeginRequest, BranchRegisterRequest,
 * GlobalLockQueryRequest, GlobalCommitRequest, GlobalRollbackRequest, BranchCommitRequest,
 * BranchRollbackRequest) and the business calls between services.
 */
export const AT_MSG = {
  globalBegin: "GlobalBegin",
  branchRegister: "BranchRegister",
  lockQuery: "GlobalLockQuery",
  globalCommit: "GlobalCommit",
  globalRollback: "GlobalRollback",
  branchCommit: "BranchCommit",
  branchRollback: "BranchRollback",
  /** The business's call of a branch service inside a global transaction (its phase one). */
  branch: "at-branch",
  /** A reader's SELECT (plain or FOR UPDATE). */
  select: "SELECT",
  /** A local transaction outside any global transaction. */
  localUpdate: "local-UPDATE",
} as const;

/**
 * A global transaction's status at the TC, as Seata's GlobalStatus names them (the ones this
 * model reaches).
 */
export type GlobalStatus =
  | "Begin" | "AsyncCommitting" | "Committed"
  | "Rollbacking" | "RollbackRetrying" | "Rollbacked" | "RollbackFailed"
  | "TimeoutRollbacking" | "TimeoutRollbackRetrying" | "TimeoutRollbacked" | "TimeoutRollbackFailed";

/** A branch's answer to phase two, as Seata's BranchStatus names them. */
export type BranchStatus = "PhaseTwo_Committed" | "PhaseTwo_Rollbacked" | "PhaseTwo_RollbackFailed_Retryable" | "PhaseTwo_RollbackFailed_Unretryable";

/** The business's phase-one call of a branch. */
export interface BranchCall {
  xid: string;
  txn: string;
  op: BranchOp;
}

/** A phase-two request from the TC to a branch. */
export interface PhaseTwoBody {
  xid: string;
  branchId: number;
  resource: string;
}

/** The error a refused call carries (a `remote` call error's detail). */
export interface AtError {
  code: "LockConflict" | "GlobalTransactionNotActive" | "BusinessRefused" | "LockWaitTimeout" | "UnknownXid";
  message: string;
  /** For a lock conflict: the holder's status. */
  holderStatus?: GlobalStatus;
}

/** Makes the error a handler throws. */
export function atError(code: AtError["code"], message: string, holderStatus?: GlobalStatus): AtError {
  return { code, message, ...(holderStatus ? { holderStatus } : {}) };
}

/** True for the statuses of a global transaction that is rolling back (or must). */
export function isRollingBack(s: GlobalStatus): boolean {
  return s === "Rollbacking" || s === "RollbackRetrying" || s === "TimeoutRollbacking" || s === "TimeoutRollbackRetrying";
}

/** True for a status the TC will not change again. */
export function isFinal(s: GlobalStatus): boolean {
  return s === "Committed" || s === "Rollbacked" || s === "RollbackFailed" || s === "TimeoutRollbacked" || s === "TimeoutRollbackFailed";
}
