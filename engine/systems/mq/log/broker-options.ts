import type { Micros } from "../../../core/time";
import { MS, SECOND } from "../../../core/time";
import { addressValue, choiceValue, durationValue } from "../config-values";
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

/** Options of a Kafka-like broker. */
export interface BrokerOptions {
  /** The controller's address. */
  controller: string;
  /** When the log is forced to disk (`log.flush.interval.messages`). */
  flush: FlushPolicy;
  /** How long one fsync takes. */
  flushLatency: Micros;
  /** `replica.lag.time.max.ms`: a follower that has not caught up for this long leaves the ISR. */
  replicaLagTimeMax: Micros;
  /** `replica.fetch.wait.max.ms`: how long a leader holds a fetch that finds nothing new. */
  replicaFetchWaitMax: Micros;
  /** `replica.fetch.backoff.ms`: a follower's pause after a failed fetch. */
  replicaFetchBackoff: Micros;
  /** `broker.heartbeat.interval.ms`: how often the broker heartbeats to the controller. */
  heartbeatInterval: Micros;
  bug: BrokerBug;
}

/**
 * Kafka's defaults: no fsync of its own (`log.flush.interval.messages` = Long.MAX_VALUE, so
 * durability comes from replication), `replica.lag.time.max.ms` 30 s, `replica.fetch.wait.max.ms`
 * 500 ms, `replica.fetch.backoff.ms` 1 s, and KRaft's broker heartbeat every 2 s. An fsync takes
 * 1 ms, about a datacenter SSD's.
 */
export const BROKER_DEFAULTS = {
  flush: { kind: "never" } as FlushPolicy,
  flushLatency: 1 * MS,
  replicaLagTimeMax: 30 * SECOND,
  replicaFetchWaitMax: 500 * MS,
  replicaFetchBackoff: 1 * SECOND,
  heartbeatInterval: 2 * SECOND,
};

/** Reads a broker's config. */
export function brokerOptions(c: Record<string, unknown>, where: string): BrokerOptions {
  const d = BROKER_DEFAULTS;
  return {
    controller: addressValue(c.controller, `${where}.controller`),
    flush: flushPolicyValue(c.flush, `${where}.flush`, d.flush),
    flushLatency: durationValue(c.flushLatency, `${where}.flushLatency`, d.flushLatency),
    replicaLagTimeMax: Math.max(1, durationValue(c.replicaLagTimeMax, `${where}.replicaLagTimeMax`, d.replicaLagTimeMax)),
    replicaFetchWaitMax: Math.max(1, durationValue(c.replicaFetchWaitMax, `${where}.replicaFetchWaitMax`, d.replicaFetchWaitMax)),
    replicaFetchBackoff: Math.max(1, durationValue(c.replicaFetchBackoff, `${where}.replicaFetchBackoff`, d.replicaFetchBackoff)),
    heartbeatInterval: Math.max(1, durationValue(c.heartbeatInterval, `${where}.heartbeatInterval`, d.heartbeatInterval)),
    bug: choiceValue<BrokerBug>(c.bug, `${where}.bug`, ["none", "ack-before-sync"], "none"),
  };
}
