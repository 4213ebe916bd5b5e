import type { Micros } from "../../../core/time";

/** Why a message was dead-lettered: RabbitMQ's `x-death` reasons, and RocketMQ's retry limit. */
export type DeadLetterReason = "rejected" | "expired" | "maxlen" | "delivery_limit" | "max-reconsume-times";

/**
 * A message in a queue. `pos` is its place in arrival order, which a requeue restores;
 * `returns` is RabbitMQ's delivery count (failed deliveries); `reconsumeTimes` is RocketMQ's.
 */
export interface QueuedMessage {
  id: string;
  key: string | null;
  routingKey: string;
  pos: number;
  enqueuedAt: Micros;
  expiresAt: Micros | null;
  persistent: boolean;
  /** Delivered before: the next delivery carries `redelivered: true`. */
  redelivered: boolean;
  returns: number;
  reconsumeTimes: number;
  /** `x-death`: the queues it was dead-lettered from, most recent first. */
  deaths: Array<{ queue: string; reason: DeadLetterReason }>;
}
