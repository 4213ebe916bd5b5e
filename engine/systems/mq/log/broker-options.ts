import type { Micros } from "../../../core/time";
import { MS, SECOND } from "../../../core/time";
import type { OptionTable, OptionValues } from "../../../options/option-table";
import { readOptions } from "../../../options/option-table";
import { addressValue } from "../config-values";
import { flushPolicyValue } from "../flusher";
import type { FlushPolicy } from "../flusher";

/** Bugs a Kafka-like broker can be switched into, for the bug zoo. */
export type BrokerBug =
  /** Correct. */
  | "none"
  /**
   * Acknowledges an append before the fsync its flush policy requires has finished (a leader
   * answers the producer, a follower reports its new log end), so with `flush: every` a crash
   * inside the fsync loses records the producer was told are safe.
   */
  | "ack-before-sync";

/**
 * A Kafka-like broker's plain options, each declared once (engine/options/option-table.ts), with
 * Kafka's defaults: `replica.lag.time.max.ms` 30 s, `replica.fetch.wait.max.ms` 500 ms,
 * `replica.fetch.backoff.ms` 1 s, and KRaft's broker heartbeat every 2 s. An fsync takes 1 ms,
 * about a datacenter SSD's. The intervals are read as at least 1 µs, so a 0 never spins a timer.
 */
export const BROKER_OPTIONS = {
  flushLatency: { type: "duration", default: 1 * MS, description: "How long one fsync takes." },
  replicaLagTimeMax: { type: "duration", default: 30 * SECOND, description: "A follower that has not caught up for this long leaves the ISR.", source: "Kafka replica.lag.time.max.ms" },
  replicaFetchWaitMax: { type: "duration", default: 500 * MS, description: "How long a leader holds a fetch that finds nothing new.", source: "Kafka replica.fetch.wait.max.ms" },
  replicaFetchBackoff: { type: "duration", default: 1 * SECOND, description: "A follower's pause after a failed fetch.", source: "Kafka replica.fetch.backoff.ms" },
  heartbeatInterval: { type: "duration", default: 2 * SECOND, description: "How often the broker heartbeats to the controller.", source: "Kafka broker.heartbeat.interval.ms" },
  bug: { type: "enum", default: "none", values: ["none", "ack-before-sync"], description: "Bug zoo: acknowledge an append before the fsync its flush policy requires." },
} as const satisfies OptionTable;

/**
 * Kafka's flush default: no fsync of its own (`log.flush.interval.messages` = Long.MAX_VALUE),
 * so durability comes from replication. Not in the table: a policy is a word or a count.
 */
export const DEFAULT_FLUSH: FlushPolicy = { kind: "never" };

/** Options of a Kafka-like broker: the table's, its controller and its flush policy. */
export type BrokerOptions = OptionValues<typeof BROKER_OPTIONS> & {
  /** The controller's address. */
  controller: string;
  /** When the log is forced to disk (`log.flush.interval.messages`). */
  flush: FlushPolicy;
};

/** Reads a broker's config. */
export function brokerOptions(c: Record<string, unknown>, where: string): BrokerOptions {
  const o = readOptions(BROKER_OPTIONS, c, where);
  const atLeast1 = (us: Micros) => Math.max(1, us);
  return {
    ...o,
    controller: addressValue(c.controller, `${where}.controller`),
    flush: flushPolicyValue(c.flush, `${where}.flush`, DEFAULT_FLUSH),
    replicaLagTimeMax: atLeast1(o.replicaLagTimeMax),
    replicaFetchWaitMax: atLeast1(o.replicaFetchWaitMax),
    replicaFetchBackoff: atLeast1(o.replicaFetchBackoff),
    heartbeatInterval: atLeast1(o.heartbeatInterval),
  };
}
