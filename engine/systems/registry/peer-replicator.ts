import type { Micros } from "../../core/time";
import type { Runtime, TimerId } from "../../node/runtime-api";
import type { InstanceInfo, RegistryCommand, ReplicateBody } from "./registry-types";
import { REGISTRY_MSG } from "./registry-types";

/** Eureka maxElementsInPeerReplicationPool: the most tasks waiting for one peer. */
export const MAX_PENDING_PER_PEER = 10_000;

/** The replication settings the replicator reads. */
export interface ReplicationSettings {
  replicationBatchDelayUs: Micros;
  replicationBatchSize: number;
  replicationRetryUs: Micros;
  maxReplicationAgeUs: Micros;
  replicationTimeoutUs: Micros;
}

interface Task {
  op: RegistryCommand & { info?: InstanceInfo };
  at: Micros;
}

interface PeerQueue {
  tasks: Task[];
  timer: TimerId | null;
  sending: boolean;
}

/**
 * Asynchronous replication to peer servers, as Eureka's PeerEurekaNode batches it: commands a
 * client sent here are queued per peer, sent in batches after a short delay, retried after a
 * failure, and dropped when older than `maxReplicationAgeUs` or when the queue is full. So a
 * partition longer than that loses the replication of what happened during it, and only the
 * next renewal (or anti-entropy) repairs the peer: exactly the AP behaviour to observe.
 */
export class PeerReplicator {
  private readonly queues = new Map<string, PeerQueue>();

  constructor(private readonly rt: Runtime, readonly peers: readonly string[], private readonly s: ReplicationSettings) {
    for (const p of peers) this.queues.set(p, { tasks: [], timer: null, sending: false });
  }

  /** Queues a client-originated command for every peer. */
  enqueue(op: RegistryCommand & { info?: InstanceInfo }): void {
    const at = this.rt.now();
    for (const [peer, q] of this.queues) {
      if (q.tasks.length >= MAX_PENDING_PER_PEER) {
        q.tasks.shift();
        this.rt.metrics.count("registry.replication.dropped");
      }
      q.tasks.push({ op, at });
      this.schedule(peer, q, this.s.replicationBatchDelayUs);
    }
  }

  /** Tasks waiting for `peer` (for the published state and tests). */
  pending(peer: string): number {
    return this.queues.get(peer)?.tasks.length ?? 0;
  }

  private schedule(peer: string, q: PeerQueue, delay: Micros): void {
    if (q.timer !== null || q.sending) return;
    q.timer = this.rt.setTimer(delay, () => {
      q.timer = null;
      void this.flush(peer, q);
    }, "replicate");
  }

  private async flush(peer: string, q: PeerQueue): Promise<void> {
    const now = this.rt.now();
    const before = q.tasks.length;
    q.tasks = q.tasks.filter((t) => now - t.at <= this.s.maxReplicationAgeUs);
    if (q.tasks.length < before) this.rt.metrics.count("registry.replication.expired", before - q.tasks.length);
    if (q.tasks.length === 0) return;
    const batch = q.tasks.slice(0, this.s.replicationBatchSize);
    const body: ReplicateBody = { from: this.rt.address, ops: batch.map((t) => t.op) };
    q.sending = true;
    try {
      await this.rt.call(peer, REGISTRY_MSG.replicate, body, { timeout: this.s.replicationTimeoutUs });
      // Tasks may have been dropped from the front while the batch was in flight; remove exactly
      // the ones sent.
      const sent = new Set(batch);
      q.tasks = q.tasks.filter((t) => !sent.has(t));
      q.sending = false;
      this.rt.metrics.count("registry.replication.sent", batch.length);
      if (q.tasks.length > 0) this.schedule(peer, q, 0);
    } catch {
      q.sending = false;
      this.rt.metrics.count("registry.replication.failed");
      this.schedule(peer, q, this.s.replicationRetryUs);
    }
  }
}
