import type { Json } from "../../../core/json";
import type { ProcessFactory } from "../../../node/runtime-api";
import { resumeNow } from "../resume-now";
import { isMqError } from "../mq-error";
import { MQ_EVENTS } from "../mq-events";
import { retryQueue } from "../retry/delay-levels";
import { queueConsumerOptions } from "./queue-consumer-options";

/** A delivery as the broker pushes it. */
interface DeliverBody {
  connection: string;
  ctag: string;
  tag: number;
  queue: string;
  message: { id: string; key: string | null; routingKey: string; redelivered: boolean; deliveryCount: number; reconsumeTimes: number; deaths: Array<{ queue: string; reason: string }> };
}

/** What the consumer publishes for the visualizer. */
interface ConsumerView {
  connection: string | null;
  buffered: number;
  processed: number;
}

/**
 * A RabbitMQ-like consumer. It opens a connection (a new id at every reconnect), subscribes to
 * its queue (and, when it sends failures back RocketMQ style, to its group's `%RETRY%` queue),
 * heartbeats every half timeout and reconnects after two missed heartbeats or when the broker
 * says the connection is closed. Deliveries are processed one at a time; a success is acked (in
 * manual mode), a failure is nacked, rejected or sent back as configured. A delivery that arrives
 * on a connection the consumer has left is ignored: the broker will requeue it. The connection
 * is treated as TCP would make it: messages arrive in order or the connection breaks, so a gap
 * in delivery tags (a delivery lost in a partition) makes the consumer reconnect.
 * History: `consume` (with `redelivered`), `process`, `process-fail`.
 */
export const queueConsumer: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  const o = queueConsumerOptions(config, `${rt.address} config`);
  const queues = o.onFailure === "send-back" ? [o.queue, retryQueue(o.group)] : [o.queue];
  let connection: string | null = null;
  /** The last delivery tag and the last settlement number on the current connection. */
  let lastTag = 0;
  let sent = 0;
  let attempt = 0;
  /** The heartbeat timeout agreed with the broker at the last connection. */
  let heartbeat = o.heartbeat;
  let buffer: DeliverBody[] = [];
  let processing = false;
  let processed = 0;

  const show = () => rt.publish<ConsumerView>((v) => {
    v.connection = connection;
    v.buffered = buffer.length;
    v.processed = processed;
  });

  const connect = async (): Promise<void> => {
    for (;;) {
      attempt++;
      const id = `${rt.address}#${rt.incarnation}.${attempt}`;
      // Deliveries may arrive before the answer to the subscription: accept them from now on.
      connection = id;
      lastTag = 0;
      sent = 0;
      let ok = true;
      for (const queue of queues) {
        try {
          const reply = await rt.call<{ heartbeat?: number }>(o.broker, "consume", { connection: id, queue, prefetch: o.prefetch, autoAck: o.autoAck, heartbeat: o.heartbeat }, { timeout: o.requestTimeout });
          if (isMqError(reply)) ok = false;
          else if (typeof reply.heartbeat === "number") heartbeat = Math.max(2, reply.heartbeat);
        } catch {
          ok = false;
        }
        if (!ok) break;
      }
      if (ok) {
        show();
        void heartbeats(id);
        return;
      }
      connection = null;
      await rt.sleep(o.reconnectBackoff);
    }
  };

  const reconnect = () => {
    connection = null;
    buffer = []; // deliveries of a dead connection cannot be acked; the broker requeues them
    show();
    void connect();
  };

  const heartbeats = async (id: string): Promise<void> => {
    let missed = 0;
    while (connection === id) {
      await rt.sleep(Math.floor(heartbeat / 2));
      if (connection !== id) return;
      try {
        const reply = await rt.call(o.broker, "heartbeat", { connection: id, lastTag, sent }, { timeout: Math.floor(heartbeat / 2) });
        if (connection !== id) return;
        if (isMqError(reply)) return reconnect();
        missed = 0;
      } catch {
        if (connection !== id) return;
        if (++missed >= 2) return reconnect();
      }
    }
  };

  const fails = (d: DeliverBody): boolean =>
    (d.message.key !== null && o.failKeys.includes(d.message.key)) || o.failIds.includes(d.message.id) || (o.failRatio > 0 && rt.random.chance(o.failRatio));

  const settle = (d: DeliverBody, ok: boolean) => {
    // A settlement on a connection the consumer has left means nothing: the broker requeues those.
    if (o.autoAck || d.connection !== connection) return;
    const body = { connection: d.connection, tag: d.tag, seq: ++sent };
    if (ok) rt.send(o.broker, "ack", body);
    else if (o.onFailure === "send-back") rt.send(o.broker, "send-back", { ...body, group: o.group, maxReconsumeTimes: o.maxReconsumeTimes, delayLevel: 0 });
    else rt.send(o.broker, o.onFailure.startsWith("nack") ? "nack" : "reject", { ...body, requeue: o.onFailure.endsWith("-requeue") });
  };

  const work = async (): Promise<void> => {
    processing = true;
    while (buffer.length > 0) {
      const d = buffer.shift()!;
      if (o.processingTime > 0) await rt.sleep(o.processingTime);
      const fields: Record<string, Json> = { id: d.message.id, key: d.message.key, queue: d.queue, group: o.group };
      if (fails(d)) {
        rt.metrics.count("mq.process.fail");
        rt.record(MQ_EVENTS.processFail, { ...fields, action: o.autoAck ? "none (autoAck)" : o.onFailure, reconsumeTimes: d.message.reconsumeTimes });
        settle(d, false);
      } else {
        processed++;
        rt.metrics.count("mq.process");
        rt.record(MQ_EVENTS.process, fields);
        settle(d, true);
      }
      show();
    }
    processing = false;
  };

  return {
    start() {
      show();
      void connect();
      return resumeNow();
    },
    message(msg) {
      if (msg.type !== "deliver") return;
      const d = msg.body as DeliverBody;
      if (d.connection !== connection) return;
      // Tags count up on a connection; a gap means deliveries were lost, which on TCP means the
      // connection broke. Start a new one: the broker requeues what the old one held.
      if (d.tag !== lastTag + 1) return reconnect();
      lastTag = d.tag;
      rt.metrics.count("mq.consume");
      if (d.message.redelivered) rt.metrics.count("mq.redelivered");
      rt.record(MQ_EVENTS.consume, {
        id: d.message.id, key: d.message.key, queue: d.queue, group: o.group, tag: d.tag, redelivered: d.message.redelivered,
        deliveryCount: d.message.deliveryCount, reconsumeTimes: d.message.reconsumeTimes, ...(d.message.deaths.length > 0 ? { deathReason: d.message.deaths[0].reason } : {}),
      });
      buffer.push(d);
      show();
      if (!processing) return work();
    },
  };
};
