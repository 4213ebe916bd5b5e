import type { Json } from "../../core/json";

/** One entry of the replicated log. */
export interface LogEntry {
  term: number;
  /** A client command, a configuration, or the no-op a new leader appends to commit its term. */
  kind: "cmd" | "config" | "noop";
  /** For `cmd`: what the state machine applies. */
  cmd?: Json;
  /** For `config`: the configuration it installs (in force as soon as it is in a log). */
  config?: Membership;
  /** Who proposed it and its number there, so the checkers can tell entries apart. */
  id: string;
}

/** A cluster configuration: voters elect and commit; learners only receive the log. */
export interface Membership {
  voters: string[];
  learners: string[];
}

/** Raft's message types, one-way: every reply is a message of its own, as in the paper. */
export const RAFT_MSG = {
  vote: "raft.request-vote",
  voteReply: "raft.vote-reply",
  append: "raft.append-entries",
  appendReply: "raft.append-reply",
  snapshot: "raft.install-snapshot",
} as const;

/** RequestVote (Figure 2); with `pre`, the pre-vote of thesis §9.6, which changes no state. */
export interface VoteRequest {
  term: number;
  candidate: string;
  lastIndex: number;
  lastTerm: number;
  pre: boolean;
}

/** The answer to a RequestVote. */
export interface VoteReply {
  term: number;
  granted: boolean;
  pre: boolean;
}

/** AppendEntries (Figure 2). `round` numbers heartbeat rounds, for ReadIndex and leases. */
export interface AppendRequest {
  term: number;
  leader: string;
  prevIndex: number;
  prevTerm: number;
  entries: LogEntry[];
  commit: number;
  round: number;
}

/**
 * The answer to an AppendEntries. On a mismatch, `conflictTerm` is the follower's term at
 * prevIndex (or 0 when its log is shorter) and `conflictIndex` the first index it holds of that
 * term (or its log length + 1): the leader backs up by a whole term at once (paper §5.3).
 */
export interface AppendReply {
  term: number;
  success: boolean;
  /** On success, the last index now known to match the leader's. */
  match: number;
  conflictTerm: number;
  conflictIndex: number;
  round: number;
}

/** InstallSnapshot (Figure 13), sent whole: the state machine's state at `index`. */
export interface SnapshotRequest {
  term: number;
  leader: string;
  index: number;
  lastTerm: number;
  membership: Membership;
  state: Json;
  round: number;
}
