import type { JsonObject } from "../../core/json";
import type { Micros } from "../../core/time";
import { MS, SECOND } from "../../core/time";
import type { OptionTable, OptionValues } from "../../options/option-table";
import { defaultsOf, readOptions } from "../../options/option-table";
import { badConfig, checkKeys } from "../../options/option-values";

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

/**
 * A Raft server's scalar options, each declared once (engine/options/option-table.ts): the
 * runtime reader, the JSON Schema and docs/options.md derive from this table. Defaults are the
 * Raft paper's randomized election timeouts of 150-300 ms with a 50 ms heartbeat (an order of
 * magnitude below, as §5.6 asks), no pre-vote, no check-quorum, ReadIndex reads. The address
 * lists `voters` and `learners` are read beside the table (an option table holds scalars).
 */
export const RAFT_OPTIONS = {
  heartbeat: { type: "duration", default: 50 * MS, min: 1, description: "How often a leader sends AppendEntries when it has nothing else to send.", source: "etcd --heartbeat-interval (100ms in the etcd profile)" },
  electionTimeoutMin: { type: "duration", default: 150 * MS, min: 1, description: "Election timeouts are drawn uniformly from [electionTimeoutMin, electionTimeoutMax).", source: "etcd --election-timeout (1000ms in the etcd profile); the paper's 150ms" },
  electionTimeoutMax: { type: "duration", default: 300 * MS, min: 1, description: "The upper end of the election timeout range.", source: "etcd's raft randomizes in [election, 2 × election); the paper's 300ms" },
  preVote: { type: "bool", default: false, description: "Pre-vote (thesis §9.6): ask whether an election could be won before bumping the term.", source: "etcd --pre-vote (on by default since 3.5)" },
  checkQuorum: { type: "bool", default: false, description: "Check-quorum (thesis §6.2): a leader that has not heard from a majority within an election timeout steps down; a follower that heard from a leader within the minimum election timeout ignores vote requests.", source: "etcd raft CheckQuorum (always on in etcd's server)" },
  reads: { type: "enum", default: "read-index", values: ["read-index", "lease"], description: "Linearizable reads by ReadIndex (a heartbeat round a majority acknowledges) or by leader lease (trusts that clocks run at one rate).", source: "etcd raft ReadOnlySafe / ReadOnlyLeaseBased" },
  snapshotEvery: { type: "int", default: 0, min: 0, description: "Take a snapshot and compact the log every this many applied entries; 0: never.", source: "etcd --snapshot-count" },
  maxBatch: { type: "int", default: 64, min: 1, description: "Entries in one AppendEntries at most.", source: "etcd raft MaxSizePerMsg (counted in entries here)" },
  proposalTimeout: { type: "duration", default: 2 * SECOND, min: 1, description: "How long a client request waits for its entry to be applied before the server gives up." },
  leaseCheck: { type: "duration", default: 100 * MS, min: 1, description: "How often the leader checks KV leases for expiry." },
  bug: { type: "enum", default: "none", values: RAFT_BUGS, description: "Bug zoo: vote-not-persisted (double vote after restart), commit-old-term (Figure 8), read-unconfirmed (stale reads from a deposed leader)." },
} as const satisfies OptionTable;

/** A Raft server's options. Times are local-clock microseconds. */
export interface RaftOptions {
  heartbeatUs: Micros;
  /** Election timeouts are drawn uniformly from [electionMinUs, electionMaxUs). */
  electionMinUs: Micros;
  electionMaxUs: Micros;
  preVote: boolean;
  checkQuorum: boolean;
  reads: ReadMode;
  snapshotEvery: number;
  maxBatch: number;
  /** The voters at the start (addresses); null: every process of the same kind and name. */
  voters: string[] | null;
  /** Learners at the start: they receive the log but do not vote or count for commitment. */
  learners: string[];
  proposalTimeoutUs: Micros;
  leaseCheckUs: Micros;
  bug: RaftBug;
}

/** The table's values in the server's field names: the one mapping from config keys to fields. */
function fromTable(t: OptionValues<typeof RAFT_OPTIONS>, voters: string[] | null, learners: string[]): RaftOptions {
  return {
    heartbeatUs: t.heartbeat, electionMinUs: t.electionTimeoutMin, electionMaxUs: t.electionTimeoutMax,
    preVote: t.preVote, checkQuorum: t.checkQuorum, reads: t.reads, snapshotEvery: t.snapshotEvery, maxBatch: t.maxBatch,
    voters, learners, proposalTimeoutUs: t.proposalTimeout, leaseCheckUs: t.leaseCheck, bug: t.bug,
  };
}

/** The defaults, as the server reads them: derived from the table, written nowhere else. */
export const RAFT_DEFAULTS: RaftOptions = fromTable(defaultsOf(RAFT_OPTIONS), null, []);

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
export const RAFT_KEYS: readonly string[] = [...Object.keys(RAFT_OPTIONS), "voters", "learners"];

const addresses = (v: unknown, where: string, field: string): string[] => {
  if (!Array.isArray(v) || !v.every((a) => typeof a === "string" && a.includes("/"))) badConfig(where, field, 'a list of addresses such as ["n1/raft", "n2/raft"]', v);
  return [...(v as string[])];
};

/** Reads a Raft server's config, refusing unknown keys and impossible timeouts with the reason. */
export function resolveRaftOptions(c: Record<string, unknown>, where: string): RaftOptions {
  checkKeys(c, RAFT_KEYS, where);
  const t = readOptions(RAFT_OPTIONS, c, where);
  const voters = c.voters === undefined || c.voters === null ? null : addresses(c.voters, where, "voters");
  const learners = c.learners === undefined ? [] : addresses(c.learners, where, "learners");
  const o = fromTable(t, voters, learners);
  if (o.electionMinUs <= o.heartbeatUs) badConfig(where, "electionTimeoutMin", `longer than the heartbeat (${o.heartbeatUs} us), or followers time out between heartbeats`, c.electionTimeoutMin);
  if (o.electionMaxUs <= o.electionMinUs) badConfig(where, "electionTimeoutMax", `longer than electionTimeoutMin (${o.electionMinUs} us): the timeouts must be randomized over a range`, c.electionTimeoutMax);
  if (o.voters !== null && o.voters.length === 0) badConfig(where, "voters", "at least one address", c.voters);
  return o;
}
