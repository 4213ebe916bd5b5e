import type { Micros } from "../../../core/time";
import { MS, SECOND } from "../../../core/time";
import { addressValue, booleanValue, choiceValue, durationValue, integerValue, numberValue, stringList, stringValue } from "../config-values";

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

/** Options of the queue consumer. */
export interface QueueConsumerOptions {
  broker: string;
  queue: string;
  /** The consumer group (RocketMQ); the checkers group deliveries by it. Default the queue. */
  group: string;
  /** basic.qos prefetch count; 0 is unlimited (RabbitMQ's default). */
  prefetch: number;
  /** Acknowledged as soon as sent: a crash loses what was delivered but not processed. */
  autoAck: boolean;
  processingTime: Micros;
  /**
   * Heartbeat timeout the client asks for; the broker may lower it (AMQP negotiates the smaller).
   * The client heartbeats every half of the agreed timeout and reconnects after two misses.
   */
  heartbeat: Micros;
  requestTimeout: Micros;
  /** Wait between connection attempts. */
  reconnectBackoff: Micros;
  /** Messages whose processing fails, every time: by key, by id, or a ratio of all (a poison message). */
  failKeys: string[];
  failIds: string[];
  failRatio: number;
  onFailure: FailureAction;
  /** RocketMQ's maxReconsumeTimes; -1 means 16. */
  maxReconsumeTimes: number;
}

/** RabbitMQ client defaults: manual acks, unlimited prefetch, a 60 s heartbeat timeout. */
export const QUEUE_CONSUMER_DEFAULTS = {
  prefetch: 0,
  autoAck: false,
  processingTime: 1 * MS,
  heartbeat: 60 * SECOND,
  requestTimeout: 5 * SECOND,
  reconnectBackoff: 1 * SECOND,
  onFailure: "nack-requeue" as FailureAction,
  maxReconsumeTimes: -1,
};

/** Reads a queue consumer's config. */
export function queueConsumerOptions(c: Record<string, unknown>, where: string): QueueConsumerOptions {
  const d = QUEUE_CONSUMER_DEFAULTS;
  const queue = stringValue(c.queue, `${where}.queue`);
  return {
    broker: addressValue(c.broker, `${where}.broker`),
    queue,
    group: stringValue(c.group, `${where}.group`, queue),
    prefetch: integerValue(c.prefetch, `${where}.prefetch`, d.prefetch),
    autoAck: booleanValue(c.autoAck, `${where}.autoAck`, d.autoAck),
    processingTime: durationValue(c.processingTime, `${where}.processingTime`, d.processingTime),
    heartbeat: Math.max(2, durationValue(c.heartbeat, `${where}.heartbeat`, d.heartbeat)),
    requestTimeout: Math.max(1, durationValue(c.requestTimeout, `${where}.requestTimeout`, d.requestTimeout)),
    reconnectBackoff: Math.max(1, durationValue(c.reconnectBackoff, `${where}.reconnectBackoff`, d.reconnectBackoff)),
    failKeys: stringList(c.failKeys, `${where}.failKeys`),
    failIds: stringList(c.failIds, `${where}.failIds`),
    failRatio: numberValue(c.failRatio, `${where}.failRatio`, 0),
    onFailure: choiceValue<FailureAction>(c.onFailure, `${where}.onFailure`, ["nack-requeue", "nack", "reject-requeue", "reject", "send-back"], d.onFailure),
    maxReconsumeTimes: integerValue(c.maxReconsumeTimes, `${where}.maxReconsumeTimes`, d.maxReconsumeTimes, -1),
  };
}
