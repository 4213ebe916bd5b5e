import type { Runtime } from "../../../node/runtime-api";
import type { Flusher } from "../flusher";
import { MQ_EVENTS } from "../mq-events";
import { AmqpQueue } from "./amqp-queue";
import { ConsumerRegistry } from "./consumer-registry";
import type { Delivery } from "./consumer-registry";
import type { QueueBrokerOptions, QueueConfig } from "./queue-options";
import type { QueueStore } from "./queue-store";
import type { DeadLetterReason, QueuedMessage } from "./queued-message";
import { route } from "./routing";

/** What the broker publishes for the visualizer. */
interface QueueBrokerView {
  queues: Record<string, { ready: number; unacked: number; consumers: number }>;
}

/**
 * The queue broker's state and its rules, apart from the wire: queues, consumers, delivery
 * with prefetch, returns with the delivery limit, dead-lettering through an exchange, TTL
 * timers, and connections closed with their deliveries requeued. The process (`queueBroker`)
 * turns requests into calls on it.
 */
export class BrokerCore {
  readonly queues = new Map<string, AmqpQueue>();
  readonly registry = new ConsumerRegistry();
  private pos = 0;

  constructor(readonly rt: Runtime, readonly o: QueueBrokerOptions, readonly store: QueueStore, readonly flusher: Flusher) {
    for (const q of o.queues) this.queues.set(q.name, new AmqpQueue(q));
    this.pos = store.maxPos();
  }

  nextPos(): number {
    return ++this.pos;
  }

  /** A configured queue, or a broker-made one (RocketMQ's `%RETRY%` and `%DLQ%` queues) on demand. */
  queue(name: string, create = false): AmqpQueue | undefined {
    let q = this.queues.get(name);
    if (!q && create) {
      const config: QueueConfig = { name, type: "classic", durable: true, overflow: "drop-head", deliveryLimit: -1 };
      q = new AmqpQueue(config);
      this.queues.set(name, q);
    }
    return q;
  }

  /** Whether a message in `q` lives on disk. */
  stored(q: AmqpQueue, msg: QueuedMessage): boolean {
    return q.config.durable && msg.persistent;
  }

  /** Adds a message to a queue: length limit, disk, TTL, delivery. False when refused (reject-publish). */
  enqueue(q: AmqpQueue, msg: QueuedMessage): boolean {
    msg.expiresAt = q.config.messageTtl !== undefined ? msg.enqueuedAt + q.config.messageTtl : null;
    const out = q.publish(msg);
    if (!out.accepted) return false;
    if (this.stored(q, msg)) this.store.save(q.name, msg);
    for (const d of out.dropped) this.deadLetter(q, d, "maxlen");
    this.armTtl(q);
    this.dispatch(q);
    return true;
  }

  /** Delivers ready messages to consumers with room under their prefetch, round robin. */
  dispatch(q: AmqpQueue): void {
    while (q.ready.length > 0) {
      const sub = this.registry.pick(q.name);
      if (!sub) break;
      const msg = q.take()!;
      const tag = this.registry.delivered(sub, msg);
      this.rt.send(sub.connection.address, "deliver", {
        connection: sub.connection.id, ctag: sub.ctag, tag, queue: q.name,
        message: { id: msg.id, key: msg.key, routingKey: msg.routingKey, redelivered: msg.redelivered, deliveryCount: msg.returns, reconsumeTimes: msg.reconsumeTimes, deaths: msg.deaths },
      });
      msg.redelivered = true;
      if (sub.autoAck) this.store.remove(q.name, msg); // delivered once sent: gone from the broker
      else if (this.stored(q, msg)) this.store.save(q.name, msg);
    }
    this.show();
  }

  /**
   * A delivery comes back (nack or reject with requeue, or its connection closed). It counts as
   * a failed delivery (RabbitMQ 4.0-4.2 count every return; 4.3 counts only failures); past the
   * queue's delivery limit it is dead-lettered with reason delivery_limit, else it is requeued.
   */
  returnMessage(d: Delivery): void {
    const q = this.queue(d.sub.queue)!;
    const msg = d.msg;
    msg.returns++;
    if (q.config.deliveryLimit >= 0 && msg.returns > q.config.deliveryLimit) {
      this.deadLetter(q, msg, "delivery_limit");
    } else {
      q.requeue(msg, () => this.nextPos());
      if (this.stored(q, msg)) this.store.save(q.name, msg);
      this.armTtl(q);
    }
  }

  /** Acknowledged: the message is done. */
  acked(d: Delivery): void {
    this.store.remove(d.sub.queue, d.msg);
  }

  /**
   * Dead-letters a message: through the queue's dead-letter exchange, with its routing key (or
   * the queue's `x-dead-letter-routing-key`), to every queue it routes to; discarded when there is
   * no such exchange or it routes nowhere, or when the message would cycle back into a queue it
   * already left for the same automatic reason.
   */
  deadLetter(from: AmqpQueue, msg: QueuedMessage, reason: DeadLetterReason): void {
    this.store.remove(from.name, msg);
    const dlx = from.config.deadLetterExchange;
    const base = { id: msg.id, queue: from.name, reason };
    if (dlx === undefined) {
      this.rt.record(MQ_EVENTS.discard, { ...base, why: "no dead-letter exchange" });
      return;
    }
    const targets = route(this.o.exchanges, dlx, from.config.deadLetterRoutingKey ?? msg.routingKey, (n) => this.queues.has(n));
    const cycle = reason !== "rejected" && targets.some((t) => msg.deaths.some((dd) => dd.queue === t && dd.reason === reason));
    if (targets.length === 0 || cycle) {
      this.rt.record(MQ_EVENTS.discard, { ...base, why: cycle ? "dead-letter cycle" : "the dead-letter exchange routes nowhere" });
      return;
    }
    const deaths = [{ queue: from.name, reason }, ...msg.deaths];
    for (const t of targets) {
      const copy: QueuedMessage = { ...msg, pos: this.nextPos(), enqueuedAt: this.rt.now(), redelivered: false, returns: 0, deaths };
      this.enqueue(this.queue(t)!, copy);
    }
    this.rt.metrics.count("mq.dead-letter");
    this.rt.record(MQ_EVENTS.deadLetter, { ...base, to: targets });
  }

  /** Closes a connection and requeues its unacknowledged deliveries with `redelivered` set. */
  closeConnection(id: string, why: string): void {
    const c = this.registry.connections.get(id);
    if (!c) return;
    const returned = this.registry.close(id);
    for (const d of returned) this.returnMessage(d);
    this.rt.record(MQ_EVENTS.connectionClosed, { connection: id, consumer: c.address, requeued: returned.map((d) => d.msg.id), why });
    for (const q of new Set(returned.map((d) => d.sub.queue))) this.dispatch(this.queue(q)!);
    this.show();
  }

  /** Arms the queue's TTL timer for its head's expiry. */
  armTtl(q: AmqpQueue): void {
    if (q.config.messageTtl === undefined) return;
    const next = q.nextExpiry();
    if (next === null || (q.ttlTimerAt !== null && q.ttlTimerAt <= next)) return;
    q.ttlTimerAt = next;
    this.rt.setTimer(Math.max(1, next - this.rt.now()), () => {
      if (q.ttlTimerAt !== next) return;
      q.ttlTimerAt = null;
      for (const m of q.expire(this.rt.now())) this.deadLetter(q, m, "expired");
      this.armTtl(q);
      this.show();
    }, "ttl");
  }

  show(): void {
    this.rt.publish<QueueBrokerView>((v) => {
      v.queues = {};
      for (const q of this.queues.values()) v.queues[q.name] = { ready: q.ready.length, unacked: 0, consumers: 0 };
      for (const c of this.registry.connections.values()) {
        for (const s of c.subs) {
          const view = v.queues[s.queue];
          if (view) {
            view.unacked += s.unacked;
            view.consumers++;
          }
        }
      }
    });
  }
}
