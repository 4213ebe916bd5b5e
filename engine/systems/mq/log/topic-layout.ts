/** A topic as the controller knows it, with Kafka's topic-level settings. */
export interface TopicConfig {
  name: string;
  partitions: number;
  /** How many brokers hold a copy of each partition. */
  replicationFactor: number;
  /** `min.insync.replicas`: acks=all needs at least this many in-sync replicas (Kafka default 1). */
  minInsyncReplicas: number;
  /** `unclean.leader.election.enable`: elect an out-of-sync replica rather than stay offline (default false). */
  uncleanLeaderElection: boolean;
}

/**
 * The controller's record of one partition, which it pushes to the replicas: who leads, in which
 * leader epoch, and which replicas are in sync. `version` (Kafka's partition epoch) grows with
 * every change, so a replica applies a state only if it is newer than the one it holds.
 */
export interface PartitionState {
  topic: string;
  partition: number;
  /** Every replica, in preference order: the first live in-sync one is elected. */
  replicas: string[];
  /** The leader's broker address, or null while the partition is offline. */
  leader: string | null;
  leaderEpoch: number;
  isr: string[];
  version: number;
  minIsr: number;
}

/** The name of a partition in logs and maps: Kafka's `orders-0`. */
export function tpName(topic: string, partition: number): string {
  return `${topic}-${partition}`;
}

/**
 * Places the replicas of partition `p`: brokers `p, p+1, ..., p+rf-1` (mod the broker count),
 * so leaders spread round the cluster and each broker follows its neighbours. Kafka starts the
 * same pattern at a random broker; a fixed start keeps runs easy to read.
 */
export function assignReplicas(brokers: readonly string[], partition: number, replicationFactor: number): string[] {
  const n = brokers.length;
  const rf = Math.min(replicationFactor, n);
  return Array.from({ length: rf }, (_, i) => brokers[(partition + i) % n]);
}

/** The partitions of a topic layout, as the metadata request answers. */
export interface TopicMetadata {
  partitions: Array<{ partition: number; leader: string | null; leaderEpoch: number }>;
}
