import type { Outcome, Vote } from "./vote-policy";

/** The client's unit of work at a participant: it makes the participant wait for a vote request. */
export interface WorkBody {
  txn: string;
  coordinator: string;
  participants: string[];
}

/** VOTE-REQ (2PC) or CanCommit? (3PC): everything a participant needs to terminate alone. */
export interface VoteRequestBody {
  txn: string;
  coordinator: string;
  participants: string[];
}

export interface VoteBody {
  txn: string;
  vote: Vote;
}

/** A decision (COMMIT, DO-COMMIT, ABORT), a PRE-COMMIT, or an acknowledgement of one. */
export interface TxnBody {
  txn: string;
  /** On an ack: the outcome the participant holds, so a coordinator sees a conflict. */
  outcome?: Outcome;
}

/**
 * What a process knows about a transaction, as an answer to an inquiry: the decision, or why it
 * cannot give one (`uncertain` voted yes and waits; `pending` the coordinator is still deciding;
 * `unknown` it holds no record, after a restart; 3PC adds its states).
 */
export type Knowledge = Outcome | "uncertain" | "committable" | "pending" | "unknown" | "recovering";

/** The answer to a `decision-request`. */
export interface DecisionBody {
  txn: string;
  outcome: Knowledge;
}

/** 3PC termination: a state request of one election round, and its answer. */
export interface StateRequestBody {
  txn: string;
  round: number;
}

export interface StateBody {
  txn: string;
  round: number;
  state: Knowledge;
}

/** The client's requests to a coordinator: commit this transaction, or tell me its outcome. */
export interface ClientRequestBody {
  txn: string;
  participants: string[];
}

/** The coordinator's answer to the client. */
export interface ClientReplyBody {
  outcome: Outcome | "pending";
}

/** Message types of the two protocols: 2PC's names, and 3PC's where they differ (Skeen). */
export const MSG = {
  work: "work",
  vote: "vote",
  abort: "abort",
  ack: "ack",
  decisionRequest: "decision-request",
  decision: "decision",
  voteRequest2pc: "vote-request",
  commit2pc: "commit",
  canCommit: "can-commit",
  preCommit: "pre-commit",
  preCommitAck: "pre-commit-ack",
  doCommit: "do-commit",
  stateRequest: "state-request",
  state: "state",
  /** The client's request to commit a transaction (a call). */
  commitTxn: "commit-txn",
  /** The client's question about a transaction's outcome (a call). */
  txnStatus: "txn-status",
} as const;
