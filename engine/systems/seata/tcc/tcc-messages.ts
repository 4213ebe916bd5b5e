/**
 * The TCC mode's messages, named after Seata's RPC messages (GlobalBeginRequest,
 * BranchRegisterRequest, GlobalCommitRequest, GlobalRollbackRequest, BranchCommitRequest,
 * BranchRollbackRequest) and the TCC action's phase one. Every one is a call: the caller waits
 * for the answer or its timeout.
 */
export const TCC_MSG = {
  /** TM to TC: begin a global transaction; the answer carries its xid. */
  globalBegin: "global-begin",
  /** The TM's proxy of a TCC action to TC: register a branch before calling its Try. */
  branchRegister: "branch-register",
  /** TM to TC: the global transaction's phase one succeeded; commit it. */
  globalCommit: "global-commit",
  /** TM to TC: roll it back. */
  globalRollback: "global-rollback",
  /** TM to a TCC service: phase one, the action's Try (the `@TwoPhaseBusinessAction` method). */
  tccTry: "tcc-try",
  /** TC to a TCC service: phase two, the action's commitMethod (Confirm). */
  branchCommit: "branch-commit",
  /** TC to a TCC service: phase two, the action's rollbackMethod (Cancel). */
  branchRollback: "branch-rollback",
} as const;

/** What a Try, Confirm and Cancel are told: Seata's BusinessActionContext, reduced to ours. */
export interface ActionContext {
  xid: string;
  branchId: number;
  /** The business transaction (the order's id), as the shared records name it. */
  txn: string;
  /** The action's name (`@TwoPhaseBusinessAction(name)`): the branch service. */
  actionName: string;
  /** The business row and its change (`@BusinessActionContextParameter`). */
  resource: string;
  delta: number;
}

/** A branch as the TC keeps it: where its resource lives and the context phase two needs. */
export interface BranchRecord {
  branchId: number;
  /** The TCC service's address: the resource id phase two is sent to. */
  resourceId: string;
  context: ActionContext;
}

/** Seata's global statuses that this model reaches. */
export type GlobalStatus = "Begin" | "Committing" | "CommitRetrying" | "Rollbacking" | "RollbackRetrying" | "TimeoutRollbacking" | "Committed" | "Rollbacked";

/** Seata's branch statuses a TCC service answers phase two with. */
export type BranchStatus = "PhaseTwo_Committed" | "PhaseTwo_CommitFailed_Retryable" | "PhaseTwo_Rollbacked" | "PhaseTwo_RollbackFailed_Retryable";

export interface GlobalBeginBody { timeoutMills: number; txn: string }
export interface GlobalBeginReply { xid: string }
export interface BranchRegisterBody { xid: string; resourceId: string; context: Omit<ActionContext, "branchId" | "xid"> }
export interface BranchRegisterReply { branchId: number }
export interface GlobalEndBody { xid: string }
export interface GlobalEndReply { status: GlobalStatus }
export interface PhaseTwoReply { status: BranchStatus }

/** True when a global status is final: phase two is done at every branch. */
export function isFinal(s: GlobalStatus): boolean {
  return s === "Committed" || s === "Rollbacked";
}
