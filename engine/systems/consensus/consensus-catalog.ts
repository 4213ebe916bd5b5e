import type { CheckerCatalog, ProcessCatalog } from "../../run-options";
import { electionSafety } from "./checks/election-safety";
import { logMatching, stateMachineSafety } from "./checks/applied-entries";
import { leaderCompleteness } from "./checks/leader-completeness";
import { leaseSafety } from "./checks/lease-safety";
import { freshReads } from "./checks/fresh-reads";
import { oneVotePerTerm } from "./checks/one-vote-per-term";
import { etcdAdmin } from "./etcd-admin";
import { ETCD_ADMIN_SCHEMA, ETCD_CLIENT_SCHEMA, ETCD_SERVER_SCHEMA } from "./consensus-schemas";
import { etcdClient, ETCD_SERVER_KIND } from "./etcd-client";
import { kvStateMachine } from "./kv-state-machine";
import { RAFT_PROFILES } from "./raft-options";
import { raftServer } from "./raft-server";
import { zookeeperCheckers, zookeeperProcesses } from "./zookeeper/zk-catalog";

/** The consensus family's process kinds: the etcd-like server on Raft, its client and admin, and the ZooKeeper-like server and client (zookeeper/). */
export const consensusProcesses: ProcessCatalog = {
  [ETCD_SERVER_KIND]: {
    factory: raftServer(ETCD_SERVER_KIND, kvStateMachine),
    configSchema: ETCD_SERVER_SCHEMA,
    profiles: RAFT_PROFILES,
    description: "An etcd-like key-value server on Raft: revisions, compare-and-swap, leases with TTL, watches; ReadIndex or lease reads.",
  },
  "etcd-client": {
    factory: etcdClient,
    configSchema: ETCD_CLIENT_SCHEMA,
    description: "An etcd client running gets, puts, deletes and compare-and-swaps in a closed loop, recording an op history.",
  },
  "etcd-admin": {
    factory: etcdAdmin,
    configSchema: ETCD_ADMIN_SCHEMA,
    description: "An operator adding learners, promoting them to voters and removing servers, one change at a time.",
  },
  ...zookeeperProcesses,
};

/** The consensus family's checkers. */
export const consensusCheckers: CheckerCatalog = {
  "one-vote-per-term": { factory: oneVotePerTerm, description: "No server votes for two candidates in the same term, across restarts (Raft §5.2)." },
  "election-safety": { factory: electionSafety, description: "At most one leader is elected in a term (Raft Figure 3)." },
  "log-matching": { factory: logMatching, description: "Entries with the same index and term are the same entry, in every log (Raft Figure 3)." },
  "leader-completeness": { factory: leaderCompleteness, description: "Every entry committed before a leader is elected is in that leader's log (Raft Figure 3)." },
  "state-machine-safety": { factory: stateMachineSafety, description: "No two servers apply different entries at the same log index (Raft Figure 3)." },
  "fresh-reads": { factory: freshReads, description: "A get that begins after a write to its key was acknowledged sees that write's revision or a later one." },
  "lease-safety": { factory: leaseSafety, description: "No leader answers a read under its lease after a leader of a later term was elected (by the true clock)." },
  ...zookeeperCheckers,
};
