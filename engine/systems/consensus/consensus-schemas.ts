import type { JsonObject } from "../../core/json";
import { bool, closedObject, duration, int, ratio } from "../../options/schema-fragments";
import { RAFT_BUGS } from "./raft-options";

const addresses = (description: string): JsonObject => ({ type: "array", minItems: 1, items: { type: "string", pattern: "^[^/]+/[^/]+$" }, description });

/** The Raft options every Raft-replicated server kind takes. */
export const RAFT_PROPERTIES: Record<string, JsonObject> = {
  heartbeat: duration("Leader heartbeat interval (etcd --heartbeat-interval 100ms; default 50ms)."),
  electionTimeoutMin: duration("Election timeouts are drawn from [min, max) (the paper's 150ms; etcd 1000ms)."),
  electionTimeoutMax: duration("Upper end of the election timeout range (the paper's 300ms; etcd 2000ms)."),
  preVote: bool("Pre-vote (thesis §9.6): ask whether an election could be won before bumping the term."),
  checkQuorum: bool("Check-quorum (thesis §6.2): a leader without a majority for an election timeout steps down."),
  reads: { enum: ["read-index", "lease"], description: "Linearizable reads by ReadIndex (a heartbeat round) or by leader lease (trusts clocks)." },
  snapshotEvery: int(0, "Snapshot and compact the log every this many applied entries (0: never)."),
  maxBatch: int(1, "Most entries in one AppendEntries (default 64)."),
  voters: addresses("The voters at start (default every server of this kind and name)."),
  learners: addresses("Learners at start: they get the log but do not vote."),
  proposalTimeout: duration("How long a request waits for its entry to be applied (default 2s)."),
  leaseCheck: duration("How often the leader checks KV leases for expiry (default 100ms)."),
  bug: { enum: [...RAFT_BUGS], description: "Bug zoo: vote-not-persisted, commit-old-term (Figure 8), read-unconfirmed." },
};

/** The `etcd-server` kind's config. */
export const ETCD_SERVER_SCHEMA: JsonObject = closedObject(RAFT_PROPERTIES, "An etcd-like KV server replicated by Raft.");

/** The `etcd-client` kind's config; `arrival` (closed), `requests`, `stopAt` come from a workload entry. */
export const ETCD_CLIENT_SCHEMA: JsonObject = closedObject({
  servers: addresses("Server addresses (default every etcd-server)."),
  arrival: { type: "object", description: "A closed loop (set by a workload entry's concurrency and think)." },
  deadline: duration("Accepted from workload entries: the operation's timeout."),
  requests: int(0, "Stop after this many operations."),
  stopAt: duration("Stop starting operations at this time."),
  reads: { enum: ["linearizable", "serializable"], description: "Gets through the leader (etcd's default) or served by `home` (may be stale)." },
  home: { type: "string", pattern: "^[^/]+/[^/]+$", description: "The server tried first, and the one serializable reads go to." },
  keyCount: int(1, "Keys k0..k<keyCount-1> (default 3)."),
  getRatio: ratio("Share of gets (default 50%)."),
  putRatio: ratio("Share of puts (default 30%)."),
  casRatio: ratio("Share of compare-and-swaps (default 20%); the rest are deletes."),
  callTimeout: duration("One call's timeout (default 500ms)."),
  opTimeout: duration("One operation's timeout across redirects (default 2s)."),
}, "An etcd client with a closed-loop get/put/delete/cas workload, recording op histories.");

/** The `etcd-admin` kind's config. */
export const ETCD_ADMIN_SCHEMA: JsonObject = closedObject({
  changes: {
    type: "array",
    description: "Membership changes, run one after another.",
    items: closedObject({
      at: duration("When to start this change."),
      op: { enum: ["add-learner", "add-voter", "remove"], description: "Add a learner, add (or promote to) a voter, or remove a server." },
      address: { type: "string", pattern: "^[^/]+/[^/]+$", description: "The server's address." },
    }, "One change.", { required: ["at", "op", "address"] }),
  },
  servers: addresses("Server addresses (default every etcd-server)."),
}, "An operator running single-server membership changes.");
