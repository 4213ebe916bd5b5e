import type { Micros } from "../../../core/time";
import { MS, SECOND } from "../../../core/time";
import { addressValue, booleanValue, durationValue, integerValue, stringValue } from "../config-values";
import { workloadOptions } from "../workload";
import type { WorkloadOptions } from "../workload";
import type { Acks } from "./produce-handler";

/** Options of a Kafka-like producer. */
export interface ProducerOptions extends WorkloadOptions {
  /** Where metadata comes from (the bootstrap server). */
  controller: string;
  topic: string;
  acks: Acks;
  /** `enable.idempotence`: a producer id and per-partition sequence numbers let the leader drop retried duplicates. */
  enableIdempotence: boolean;
  /** `retries`: how many times a retriable error is retried (within the delivery timeout). */
  retries: number;
  /** `request.timeout.ms`: how long one produce request may take. */
  requestTimeout: Micros;
  /** `delivery.timeout.ms`: how long a message may take in all, retries included. */
  deliveryTimeout: Micros;
  /** `retry.backoff.ms`. */
  retryBackoff: Micros;
  /** `max.in.flight.requests.per.connection`, here per partition. */
  maxInFlight: number;
}

/**
 * The Java client's defaults since Kafka 3.0: acks=all, idempotence on (when acks=all),
 * retries Integer.MAX_VALUE, request timeout 30 s, delivery timeout 120 s, retry backoff 100 ms,
 * five requests in flight.
 */
export const PRODUCER_DEFAULTS = {
  acks: "all" as Acks,
  retries: 2147483647,
  requestTimeout: 30 * SECOND,
  deliveryTimeout: 120 * SECOND,
  retryBackoff: 100 * MS,
  maxInFlight: 5,
};

/** Reads `acks`: 0, 1, "all" (or -1, as Kafka also spells it). */
export function acksValue(value: unknown, where: string): Acks {
  if (value === undefined || value === null) return PRODUCER_DEFAULTS.acks;
  if (value === 0 || value === "0") return 0;
  if (value === 1 || value === "1") return 1;
  if (value === "all" || value === -1 || value === "-1") return "all";
  throw new Error(`${where}: expected acks 0, 1 or "all", got ${JSON.stringify(value)}`);
}

/**
 * Reads a producer's config. As in the Java client, idempotence defaults to on only with
 * acks=all, and asking for it explicitly with another acks is a configuration error.
 */
export function producerOptions(c: Record<string, unknown>, where: string): ProducerOptions {
  const d = PRODUCER_DEFAULTS;
  const acks = acksValue(c.acks, `${where}.acks`);
  const idempotence = booleanValue(c.enableIdempotence, `${where}.enableIdempotence`, acks === "all");
  if (idempotence && acks !== "all") throw new Error(`${where}.enableIdempotence: an idempotent producer needs acks "all" (Kafka refuses this configuration); set acks: all or enableIdempotence: false`);
  const requestTimeout = Math.max(1, durationValue(c.requestTimeout, `${where}.requestTimeout`, d.requestTimeout));
  return {
    ...workloadOptions(c, where),
    controller: addressValue(c.controller, `${where}.controller`),
    topic: stringValue(c.topic, `${where}.topic`, "events"),
    acks,
    enableIdempotence: idempotence,
    retries: integerValue(c.retries, `${where}.retries`, d.retries),
    requestTimeout,
    deliveryTimeout: Math.max(requestTimeout, durationValue(c.deliveryTimeout, `${where}.deliveryTimeout`, d.deliveryTimeout)),
    retryBackoff: durationValue(c.retryBackoff, `${where}.retryBackoff`, d.retryBackoff),
    maxInFlight: integerValue(c.maxInFlight, `${where}.maxInFlight`, d.maxInFlight, 1),
  };
}
