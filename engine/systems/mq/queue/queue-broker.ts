import type { ProcessFactory } from "../../../node/runtime-api";
import { resumeNow } from "../resume-now";
import { Flusher } from "../flusher";
import { mqError } from "../mq-error";
import { MQ_EVENTS } from "../mq-events";
import { arm, sendBack } from "../retry/send-back";
import type { SendBack } from "../retry/send-back";
import { BrokerCore } from "./broker-core";
import { queueBrokerOptions } from "./queue-options";
import { QueueStore } from "./queue-store";
import type { QueuedMessage } from "./queued-message";
import { route } from "./routing";

/** A publish: one message to an exchange with a routing key. */
interface PublishRequest {
  exchange: string;
  routingKey: string;
  message: { id: string; key: string | null };
  persistent: boolean;
}

/**
 * A RabbitMQ-like broker. Publishers publish through exchanges and get a confirm once every
 * persistent copy is on disk (after the fsync); a full queue with reject-publish answers with a
 * negative confirm. Consumers subscribe with a prefetch and autoAck or manual acks; the broker
 * pushes deliveries, takes ack, nack and reject (with or without requeue), dead-letters through
 * exchanges (rejected, expired, maxlen, delivery_limit), and requeues a connection's
 * unacknowledged deliveries, `redelivered` set, when the connection closes: after a heartbeat
 * timeout, or when the same consumer process connects anew (it restarted). A consumer may also
 * send a failed message back, RocketMQ style, to be retried on a delay schedule or dead-lettered.
 * On restart the broker reads its durable queues back from disk.
 */
export const queueBroker: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  const o = queueBrokerOptions(config, `${rt.address} config`);
  const store = new QueueStore(rt.disk);
  const core = new BrokerCore(rt, o, store, new Flusher(rt, { kind: "every" }, o.flushLatency));

  const recover = () => {
    for (const [name, msgs] of store.recover()) {
      const q = core.queue(name, true)!;
      for (const m of msgs) q.restore(m);
      core.armTtl(q);
    }
    for (const s of store.scheduled()) arm(core, s);
  };

  const publish = async (body: PublishRequest) => {
    const targets = route(o.exchanges, body.exchange, body.routingKey, (n) => core.queues.has(n));
    if (targets.length === 0) {
      // RabbitMQ confirms an unroutable message (without `mandatory` nobody is told), and drops it.
      rt.record(MQ_EVENTS.discard, { id: body.message.id, queue: null, reason: "unroutable", exchange: body.exchange, routingKey: body.routingKey });
      return { ok: true, queues: [] };
    }
    let rejected = false;
    let persisted = false;
    for (const name of targets) {
      const q = core.queue(name)!;
      const msg: QueuedMessage = {
        id: body.message.id, key: body.message.key, routingKey: body.routingKey, pos: core.nextPos(), enqueuedAt: rt.now(),
        expiresAt: null, persistent: body.persistent, redelivered: false, returns: 0, reconsumeTimes: 0, deaths: [],
      };
      if (!core.enqueue(q, msg)) rejected = true;
      else if (core.stored(q, msg)) persisted = true;
    }
    if (persisted) {
      const sync = core.flusher.sync();
      if (o.bug !== "ack-before-sync") await sync;
    }
    if (rejected) return { ...mqError("REJECTED", `a queue of ${targets.join(", ")} is full (x-overflow reject-publish)`), queues: targets };
    return { ok: true, queues: targets };
  };

  const consume = (from: string, body: { connection: string; queue: string; prefetch?: number; autoAck?: boolean; heartbeat?: number }) => {
    // RocketMQ's retry and dead-letter queues of a group come into being when first used.
    const q = core.queue(body.queue, body.queue.startsWith("%RETRY%") || body.queue.startsWith("%DLQ%"));
    if (!q) return mqError("NOT_FOUND", `no queue "${body.queue}"; queues are ${[...core.queues.keys()].join(", ")}`);
    // AMQP negotiates the heartbeat timeout: the smaller of what the client asks and the server allows.
    const heartbeat = body.heartbeat !== undefined && body.heartbeat > 0 ? Math.min(body.heartbeat, o.heartbeat) : o.heartbeat;
    const { connection, replaced } = core.registry.open(body.connection, from, rt.now(), heartbeat);
    for (const old of replaced) core.closeConnection(old, `${from} connected again as ${body.connection}`);
    const sub = core.registry.subscribe(connection, q.name, body.prefetch ?? 0, body.autoAck ?? false);
    core.dispatch(q);
    return { ctag: sub.ctag, heartbeat: connection.heartbeat };
  };

  /**
   * A heartbeat also says how far the consumer has come on the connection, which is how both
   * ends notice messages lost without further traffic (TCP would retransmit them, or break):
   * deliveries sent a whole heartbeat ago that never arrived, or settlements sent that never came.
   */
  const heartbeat = (body: { connection: string; lastTag?: number; sent?: number }) => {
    const c = core.registry.connections.get(body.connection);
    if (!c) return mqError("CONNECTION_CLOSED", `connection ${body.connection} is closed`);
    c.lastSeen = rt.now();
    const lostDeliveries = body.lastTag !== undefined && body.lastTag < c.tagAtHeartbeat;
    const lostSettlements = body.sent !== undefined && body.sent > c.expectSeq - 1;
    if (lostDeliveries || lostSettlements) {
      core.closeConnection(c.id, lostDeliveries ? `deliveries up to ${c.tagAtHeartbeat} never reached ${c.address} (it has ${body.lastTag})` : `settlements from ${c.address} were lost (${body.sent} sent, ${c.expectSeq - 1} arrived)`);
      return mqError("CONNECTION_CLOSED", `connection ${body.connection} lost messages and was closed`);
    }
    c.tagAtHeartbeat = c.nextTag - 1;
    return { ok: true };
  };

  /** ack, nack, reject and send-back: AMQP sends them one way, with no answer. */
  const settle = (type: string, body: { connection: string; tag: number; seq: number; multiple?: boolean; requeue?: boolean } & Partial<SendBack>) => {
    const c = core.registry.connections.get(body.connection);
    if (!c) return; // a settlement on a closed connection: its deliveries were requeued already
    c.lastSeen = rt.now();
    // Settlements are numbered; a gap means some were lost, which on TCP means the connection broke.
    if (body.seq !== c.expectSeq) {
      core.closeConnection(c.id, `settlement ${c.expectSeq} from ${c.address} was lost (got ${body.seq})`);
      return;
    }
    c.expectSeq++;
    const deliveries = core.registry.settle(body.connection, body.tag, type === "reject" || type === "send-back" ? false : body.multiple === true);
    for (const d of deliveries) {
      if (type === "ack") core.acked(d);
      else if (type === "send-back") sendBack(core, d, { group: body.group ?? d.sub.queue, maxReconsumeTimes: body.maxReconsumeTimes ?? -1, delayLevel: body.delayLevel ?? 0 });
      else if (body.requeue) core.returnMessage(d);
      else core.deadLetter(core.queue(d.sub.queue)!, d.msg, "rejected");
    }
    for (const q of new Set(deliveries.map((d) => d.sub.queue))) core.dispatch(core.queue(q)!);
  };

  const checkHeartbeats = () => {
    for (const id of core.registry.silent(rt.now())) core.closeConnection(id, `no heartbeat for ${core.registry.connections.get(id)!.heartbeat}us`);
    rt.setTimer(Math.max(1, Math.floor(o.heartbeat / 4)), checkHeartbeats, "heartbeat-check");
  };

  return {
    start() {
      recover();
      core.show();
      rt.setTimer(Math.max(1, Math.floor(o.heartbeat / 4)), checkHeartbeats, "heartbeat-check");
    },
    request(req) {
      switch (req.type) {
        case "publish": return publish(req.body as PublishRequest);
        case "consume": return consume(req.from, req.body as Parameters<typeof consume>[1]);
        case "heartbeat": return heartbeat(req.body as Parameters<typeof heartbeat>[0]);
        default: return mqError("NOT_FOUND", `the queue broker does not answer "${req.type}"`);
      }
    },
    message(msg) {
      if (msg.type === "publish") void publish(msg.body as PublishRequest);
      else if (msg.type === "ack" || msg.type === "nack" || msg.type === "reject" || msg.type === "send-back") settle(msg.type, msg.body as Parameters<typeof settle>[1]);
      return resumeNow();
    },
  };
};
