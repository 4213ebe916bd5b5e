import type { JsonObject } from "../../core/json";
import type { Micros } from "../../core/time";
import { MS, SECOND } from "../../core/time";
import { badConfig, checkKeys, microsOr, toBool, toChoice, toInt } from "../../options/option-values";

/**
 * How a leader answers a linearizable read (Ongaro's thesis §6.4):
 * - `read-index`: note the commit index, confirm leadership with a heartbeat round that a
 *   majority acknowledges, wait until that index is applied, then answer (etcd's default);
 * - `lease`: answer at once while a lease holds, taken from the send time of the last heartbeat
 *   round a majority acknowledged plus the minimum election timeout; safe only while clocks run
 *   at the same rate, which is why ReadIndex exists.
 */
export type ReadMode = "read-index" | "lease";

/** The Raft bugs a scenario can switch on, for the bug zoo. */
export type RaftBug =
  /** Correct. */
  | "none"
  /** A vote is answered but never written to disk, so a restarted server can vote again in the same term. */
  | "vote-not-persisted"
  /** The leader commits any entry stored on a majority, of its own term or not (Figure 8). */
  | "commit-old-term"
  /** The leader answers linearizable reads from its state without confirming that it still leads. */
  | "read-unconfirmed";

/** Every bug's name, for config validation and the schema. */
export const RAFT_BUGS: readonly RaftBug[] = ["none", "vote-not-persisted", "commit-old-term", "read-unconfirmed"];

/** A Raft server's options. Times are local-clock microseconds. */
export interface RaftOptions {
  /** How often a leader sends AppendEntries when it has nothing else to send. */
  heartbeatUs: Micros;
  /** Election timeouts are drawn uniformly from [electionMinUs, electionMaxUs). */
  electionMinUs: Micros;
  electionMaxUs: Micros;
  /** Pre-vote (thesis §9.6): ask whether an election could be won before bumping the term. */
  preVote: boolean;
  /**
   * Check-quorum (thesis §6.2): a leader that has not heard from a majority within an election
   * timeout steps down; and, as etcd does, a follower that heard from a leader within the
   * minimum election timeout ignores vote requests (the leader lease followers grant).
   */
  checkQuorum: boolean;
  reads: ReadMode;
  /** Take a snapshot and compact the log every this many applied entries; 0: never. */
  snapshotEvery: number;
  /** Entries in one AppendEntries at most. */
  maxBatch: number;
  /** The voters at the start (addresses); null: every process of the same kind and name. */
  voters: string[] | null;
  /** Learners at the start: they receive the log but do not vote or count for commitment. */
  learners: string[];
  /** How long a client request waits for its entry to be applied before the server gives up. */
  proposalTimeoutUs: Micros;
  /** A lease-based KV lease is checked for expiry this often by the leader. */
  leaseCheckUs: Micros;
  bug: RaftBug;
}

/**
 * Defaults: the Raft paper's randomized election timeouts of 150-300 ms with a 50 ms heartbeat
 * (an order of magnitude below, as §5.6 asks), no pre-vote, no check-quorum, ReadIndex reads.
 */
export const RAFT_DEFAULTS: RaftOptions = {
  heartbeatUs: 50 * MS,
  electionMinUs: 150 * MS,
  electionMaxUs: 300 * MS,
  preVote: false,
  checkQuorum: false,
  reads: "read-index",
  snapshotEvery: 0,
  maxBatch: 64,
  voters: null,
  learners: [],
  proposalTimeoutUs: 2 * SECOND,
  leaseCheckUs: 100 * MS,
  bug: "none",
};

/**
 * Profiles: `etcd` is etcd's `--heartbeat-interval 100` and `--election-timeout 1000` (its raft
 * library randomizes the timeout in [election, 2 × election)), with pre-vote (the default since
 * etcd 3.5) and check-quorum (always on in etcd's server); `raft-paper` is the paper's 150-300 ms.
 */
export const RAFT_PROFILES: Record<string, JsonObject> = {
  etcd: { heartbeat: "100ms", electionTimeoutMin: "1000ms", electionTimeoutMax: "2000ms", preVote: true, checkQuorum: true, reads: "read-index" },
  "raft-paper": { heartbeat: "50ms", electionTimeoutMin: "150ms", electionTimeoutMax: "300ms", preVote: false, checkQuorum: false },
};

/** The config keys a Raft server takes (the KV server adds none of its own). */
export const RAFT_KEYS = [
  "heartbeat", "electionTimeoutMin", "electionTimeoutMax", "preVote", "checkQuorum", "reads",
  "snapshotEvery", "maxBatch", "voters", "learners", "proposalTimeout", "leaseCheck", "bug",
] as const;

const addresses = (v: unknown, where: string, field: string): string[] => {
  if (!Array.isArray(v) || !v.every((a) => typeof a === "string" && a.includes("/"))) badConfig(where, field, 'a list of addresses such as ["n1/raft", "n2/raft"]', v);
  return [...(v as string[])];
};

/** Reads a Raft server's config, refusing unknown keys and impossible timeouts with the reason. */
export function resolveRaftOptions(c: Record<string, unknown>, where: string): RaftOptions {
  checkKeys(c, RAFT_KEYS, where);
  const d = RAFT_DEFAULTS;
  const o: RaftOptions = {
    heartbeatUs: microsOr(c.heartbeat, d.heartbeatUs, where, "heartbeat"),
    electionMinUs: microsOr(c.electionTimeoutMin, d.electionMinUs, where, "electionTimeoutMin"),
    electionMaxUs: microsOr(c.electionTimeoutMax, d.electionMaxUs, where, "electionTimeoutMax"),
    preVote: c.preVote === undefined ? d.preVote : toBool(c.preVote, where, "preVote"),
    checkQuorum: c.checkQuorum === undefined ? d.checkQuorum : toBool(c.checkQuorum, where, "checkQuorum"),
    reads: c.reads === undefined ? d.reads : toChoice(c.reads, ["read-index", "lease"] as const, where, "reads"),
    snapshotEvery: c.snapshotEvery === undefined ? d.snapshotEvery : toInt(c.snapshotEvery, 0, where, "snapshotEvery"),
    maxBatch: c.maxBatch === undefined ? d.maxBatch : toInt(c.maxBatch, 1, where, "maxBatch"),
    voters: c.voters === undefined || c.voters === null ? null : addresses(c.voters, where, "voters"),
    learners: c.learners === undefined ? [] : addresses(c.learners, where, "learners"),
    proposalTimeoutUs: microsOr(c.proposalTimeout, d.proposalTimeoutUs, where, "proposalTimeout"),
    leaseCheckUs: microsOr(c.leaseCheck, d.leaseCheckUs, where, "leaseCheck"),
    bug: c.bug === undefined ? d.bug : toChoice(c.bug, RAFT_BUGS, where, "bug"),
  };
  if (o.heartbeatUs <= 0) badConfig(where, "heartbeat", "a duration above zero", c.heartbeat);
  if (o.electionMinUs <= o.heartbeatUs) badConfig(where, "electionTimeoutMin", `longer than the heartbeat (${o.heartbeatUs} us), or followers time out between heartbeats`, c.electionTimeoutMin);
  if (o.electionMaxUs <= o.electionMinUs) badConfig(where, "electionTimeoutMax", `longer than electionTimeoutMin (${o.electionMinUs} us): the timeouts must be randomized over a range`, c.electionTimeoutMax);
  if (o.voters !== null && o.voters.length === 0) badConfig(where, "voters", "at least one address", c.voters);
  return o;
}
