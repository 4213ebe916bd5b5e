import type { CheckerCatalog, ProcessCatalog } from "../../run-options";
import { electionSafety } from "./checks/election-safety";
import { logMatching, stateMachineSafety } from "./checks/applied-entries";
import { leaderCompleteness } from "./checks/leader-completeness";
import { leaseSafety } from "./checks/lease-safety";
import { freshReads } from "./checks/fresh-reads";
import { oneVotePerTerm } from "./checks/one-vote-per-term";
import { etcdAdmin } from "./etcd-admin";
import { ETCD_ADMIN_SCHEMA, ETCD_CLIENT_SCHEMA, ETCD_SERVER_SCHEMA, RAFT_PROPERTIES as RAFT_PROPERTIES_OF_KV } from "./consensus-schemas";
import { etcdClient, ETCD_SERVER_KIND } from "./etcd-client";
import { kvStateMachine } from "./kv-state-machine";
import { RAFT_PROFILES } from "./raft-options";
import { raftServer } from "./raft-server";
import { zookeeperCheckers, zookeeperProcesses } from "./zookeeper/zk-catalog";
import { NACOS_HEALTH_CHECK_KIND, NACOS_HEALTH_CHECK_OPTIONS, NACOS_SERVER_KIND, nacosHealthCheck } from "./nacos-health-check";
import { closedObject } from "../../options/schema-fragments";
import { optionsSchema } from "../../options/option-table";

/**
 * Raft timings of the CP registries' servers. `consul`: hashicorp/raft with raft_multiplier 1
 * (HeartbeatTimeout and ElectionTimeout 1000 ms; the leader heartbeats at a tenth of it;
 * LeaderLeaseTimeout 500 ms, for which check-quorum stands). `nacos`: JRaft as Nacos configures
 * it (nacos.core.protocol.raft.data.election_timeout_ms 5000, heartbeats at a tenth).
 */
const CONSUL_RAFT_PROFILES = { consul: { heartbeat: "100ms", electionTimeoutMin: "1000ms", electionTimeoutMax: "2000ms", preVote: true, checkQuorum: true, reads: "read-index" } };
const NACOS_RAFT_PROFILES = { nacos: { heartbeat: "500ms", electionTimeoutMin: "5000ms", electionTimeoutMax: "10000ms", preVote: true, checkQuorum: true, reads: "read-index" } };

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
  // The CP registries' servers (registry/backends/kv-registry.ts): the same KV state machine on Raft.
  "consul-server": {
    factory: raftServer("consul-server", kvStateMachine),
    configSchema: closedObject(RAFT_PROPERTIES_OF_KV, "A Consul-like server: the catalog as a Raft-replicated KV store (default, consistent and stale reads)."),
    profiles: CONSUL_RAFT_PROFILES,
    description: "A Consul-like server: the service catalog and TTL checks in a Raft-replicated store; reads default (leader, no quorum round), consistent or stale.",
  },
  [NACOS_SERVER_KIND]: {
    factory: raftServer(NACOS_SERVER_KIND, kvStateMachine),
    configSchema: closedObject(RAFT_PROPERTIES_OF_KV, "A Nacos-like server for persistent instances: a Raft-replicated store."),
    profiles: NACOS_RAFT_PROFILES,
    description: "A Nacos-like server for persistent (ephemeral=false) instances: records in a Raft (JRaft) store, health-checked by nacos-health-check.",
  },
  [NACOS_HEALTH_CHECK_KIND]: {
    factory: nacosHealthCheck,
    configSchema: closedObject(optionsSchema(NACOS_HEALTH_CHECK_OPTIONS), "The Nacos server's health checker of persistent instances."),
    description: "Beside each nacos-server: while its server leads, probes every persistent instance and writes its health through the log.",
  },
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
