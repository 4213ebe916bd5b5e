import type { Micros } from "../../../core/time";
import type { QueueConfig } from "./queue-options";
import type { QueuedMessage } from "./queued-message";

/** What a publish did to a queue. */
export interface PublishOutcome {
  /** False when the queue is full and its overflow is reject-publish. */
  accepted: boolean;
  /** Oldest messages pushed out by overflow drop-head, to be dead-lettered with reason maxlen. */
  dropped: QueuedMessage[];
}

/**
 * One queue's ready messages, in arrival order, with RabbitMQ's policies: the length limit
 * (counting ready messages only) with drop-head or reject-publish, message TTL (expired
 * messages leave from the head), and requeue at the original position. A quorum queue without a
 * delivery limit returns messages to the back instead, as RabbitMQ does to keep its log short.
 * Deliveries in flight (unacknowledged) are not here but with the consumers.
 */
export class AmqpQueue {
  readonly ready: QueuedMessage[] = [];
  /** When the TTL timer is armed for, if it is. */
  ttlTimerAt: Micros | null = null;

  constructor(readonly config: QueueConfig) {}

  get name(): string {
    return this.config.name;
  }

  /** Takes a new message, applying the length limit. */
  publish(msg: QueuedMessage): PublishOutcome {
    const limit = this.config.maxLength;
    if (limit !== undefined && this.config.overflow === "reject-publish" && this.ready.length >= limit) return { accepted: false, dropped: [] };
    this.insert(msg);
    const dropped: QueuedMessage[] = [];
    if (limit !== undefined) while (this.ready.length > limit) dropped.push(this.ready.shift()!);
    return { accepted: true, dropped };
  }

  /** Puts back a message read from disk after a restart, ignoring the length limit. */
  restore(msg: QueuedMessage): void {
    this.insert(msg);
  }

  /** The next message to deliver. */
  take(): QueuedMessage | undefined {
    return this.ready.shift();
  }

  /**
   * Puts a returned message back: at its original position (classic queues, quorum queues with a
   * delivery limit), or at the back with a new position (quorum queues without one).
   */
  requeue(msg: QueuedMessage, nextPos: () => number): void {
    if (this.config.type === "quorum" && this.config.deliveryLimit < 0) msg.pos = nextPos();
    this.insert(msg);
  }

  /** Removes and returns the messages at the head whose TTL has passed. */
  expire(now: Micros): QueuedMessage[] {
    const out: QueuedMessage[] = [];
    while (this.ready.length > 0 && this.ready[0].expiresAt !== null && this.ready[0].expiresAt <= now) out.push(this.ready.shift()!);
    return out;
  }

  /** When the head expires, if it has a TTL. */
  nextExpiry(): Micros | null {
    return this.ready.length > 0 ? this.ready[0].expiresAt : null;
  }

  /** Inserts by position (binary search), so arrival order holds whatever the order of returns. */
  private insert(msg: QueuedMessage): void {
    let lo = 0;
    let hi = this.ready.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.ready[mid].pos < msg.pos) lo = mid + 1;
      else hi = mid;
    }
    this.ready.splice(lo, 0, msg);
  }
}
