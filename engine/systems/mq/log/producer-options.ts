import { MS, SECOND } from "../../../core/time";
import type { OptionTable, OptionValues } from "../../../options/option-table";
import { readOptions } from "../../../options/option-table";
import { badConfig, toBool } from "../../../options/option-values";
import { addressValue } from "../config-values";
import { workloadOptions } from "../workload";
import type { WorkloadOptions } from "../workload";
import type { Acks } from "./produce-handler";

/**
 * A Kafka-like producer's plain options, each declared once (engine/options/option-table.ts),
 * with the Java client's defaults since Kafka 3.0: retries Integer.MAX_VALUE, request timeout
 * 30 s, delivery timeout 120 s (at least the request timeout), retry backoff 100 ms, five
 * requests in flight. `acks` (default all) and `enableIdempotence` (default on with acks=all)
 * are read beside the table, because one's default depends on the other.
 */
export const PRODUCER_OPTIONS = {
  topic: { type: "string", default: "events", description: "The topic to produce to." },
  retries: { type: "int", default: 2147483647, min: 0, description: "How many times a retriable error is retried (within the delivery timeout).", source: "Kafka retries" },
  requestTimeout: { type: "duration", default: 30 * SECOND, description: "How long one produce request may take (at least 1us).", source: "Kafka request.timeout.ms" },
  deliveryTimeout: { type: "duration", default: 120 * SECOND, description: "How long a message may take in all, retries included; at least requestTimeout.", source: "Kafka delivery.timeout.ms" },
  retryBackoff: { type: "duration", default: 100 * MS, description: "Wait before a retry.", source: "Kafka retry.backoff.ms" },
  maxInFlight: { type: "int", default: 5, min: 1, description: "Requests in flight (per partition here).", source: "Kafka max.in.flight.requests.per.connection" },
} as const satisfies OptionTable;

/** Options of a Kafka-like producer: the table's, the workload's, and its controller, acks and idempotence. */
export type ProducerOptions = OptionValues<typeof PRODUCER_OPTIONS> & WorkloadOptions & {
  /** Where metadata comes from (the bootstrap server). */
  controller: string;
  acks: Acks;
  /** `enable.idempotence`: a producer id and per-partition sequence numbers let the leader drop retried duplicates. */
  enableIdempotence: boolean;
};

/** Reads `acks`: 0, 1, "all" (or -1, as Kafka also spells it); absent is Kafka 3.0's default, all. */
export function acksValue(value: unknown, where: string): Acks {
  if (value === undefined || value === null) return "all";
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
  const acks = acksValue(c.acks, `${where}.acks`);
  const idempotence = c.enableIdempotence === undefined || c.enableIdempotence === null ? acks === "all" : toBool(c.enableIdempotence, where, "enableIdempotence");
  if (idempotence && acks !== "all") throw new Error(`${where}.enableIdempotence: an idempotent producer needs acks "all" (Kafka refuses this configuration); set acks: all or enableIdempotence: false`);
  const o = readOptions(PRODUCER_OPTIONS, c, where);
  if (o.topic === "") badConfig(where, "topic", "a topic name", o.topic);
  const requestTimeout = Math.max(1, o.requestTimeout);
  return {
    ...workloadOptions(c, where),
    ...o,
    controller: addressValue(c.controller, `${where}.controller`),
    acks,
    enableIdempotence: idempotence,
    requestTimeout,
    deliveryTimeout: Math.max(requestTimeout, o.deliveryTimeout),
  };
}
