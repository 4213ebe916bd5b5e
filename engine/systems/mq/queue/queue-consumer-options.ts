import { MS, SECOND } from "../../../core/time";
import type { OptionTable, OptionValues } from "../../../options/option-table";
import { readOptions } from "../../../options/option-table";
import { addressValue, stringList, stringValue } from "../config-values";

/** What a consumer does with a message it failed to process. */
export type FailureAction =
  /** basic.nack requeue=true: back to its place in the queue, redelivered. */
  | "nack-requeue"
  /** basic.nack requeue=false: dead-lettered with reason `rejected`, or dropped without a DLX. */
  | "nack"
  | "reject-requeue"
  | "reject"
  /** RocketMQ: send it back to be retried on the delay schedule, then `%DLQ%<group>`. */
  | "send-back";

/**
 * The queue consumer's plain options, each declared once (engine/options/option-table.ts), with
 * the RabbitMQ client's defaults: manual acks, unlimited prefetch, a 60 s heartbeat timeout. The
 * heartbeat is read as at least 2 µs (the client beats every half of it), the request timeout
 * and reconnect backoff as at least 1 µs.
 */
export const QUEUE_CONSUMER_OPTIONS = {
  prefetch: { type: "int", default: 0, min: 0, description: "Unacknowledged deliveries at once; 0 unlimited (RabbitMQ's default).", source: "AMQP basic.qos prefetch-count" },
  autoAck: { type: "bool", default: false, description: "Acknowledged once sent: a crash loses what was delivered but not processed." },
  processingTime: { type: "duration", default: 1 * MS, description: "Time to process one message." },
  heartbeat: { type: "duration", default: 60 * SECOND, description: "Heartbeat timeout asked for; the broker may lower it. The client beats every half and reconnects after two misses.", source: "RabbitMQ heartbeat" },
  requestTimeout: { type: "duration", default: 5 * SECOND, description: "How long one request to the broker may take." },
  reconnectBackoff: { type: "duration", default: 1 * SECOND, description: "Wait between connection attempts." },
  failRatio: { type: "ratio", default: 0, description: "A ratio of deliveries that fail at random." },
  onFailure: { type: "enum", default: "nack-requeue", values: ["nack-requeue", "nack", "reject-requeue", "reject", "send-back"], description: "What a failure does." },
  maxReconsumeTimes: { type: "int", default: -1, min: -1, description: "Failures before the dead-letter queue; -1 means 16.", source: "RocketMQ maxReconsumeTimes" },
} as const satisfies OptionTable;

/** Options of the queue consumer: the table's, its broker, queue and group, and the poison messages. */
export type QueueConsumerOptions = OptionValues<typeof QUEUE_CONSUMER_OPTIONS> & {
  broker: string;
  queue: string;
  /** The consumer group (RocketMQ); the checkers group deliveries by it. Default the queue. */
  group: string;
  /** Messages whose processing fails, every time: by key or by id (a poison message). */
  failKeys: string[];
  failIds: string[];
};

/** Reads a queue consumer's config. */
export function queueConsumerOptions(c: Record<string, unknown>, where: string): QueueConsumerOptions {
  const queue = stringValue(c.queue, `${where}.queue`);
  const o = readOptions(QUEUE_CONSUMER_OPTIONS, c, where);
  return {
    ...o,
    broker: addressValue(c.broker, `${where}.broker`),
    queue,
    group: stringValue(c.group, `${where}.group`, queue),
    heartbeat: Math.max(2, o.heartbeat),
    requestTimeout: Math.max(1, o.requestTimeout),
    reconnectBackoff: Math.max(1, o.reconnectBackoff),
    failKeys: stringList(c.failKeys, `${where}.failKeys`),
    failIds: stringList(c.failIds, `${where}.failIds`),
  };
}
