import type { Micros } from "../../../core/time";
import { MS, SECOND } from "../../../core/time";
import { booleanValue, choiceValue, durationValue, integerValue, optionalDuration, stringValue } from "../config-values";
import { ROCKETMQ_DELAY_LEVELS, parseDelayLevels } from "../retry/delay-levels";

/** One queue's arguments, RabbitMQ's `x-` arguments and policies by their documented names. */
export interface QueueConfig {
  name: string;
  /** `x-queue-type`: classic, or quorum (with a default delivery limit and Raft-style returns). */
  type: "classic" | "quorum";
  /** Durable queue: persistent messages are written to disk and confirmed after the fsync. */
  durable: boolean;
  /** `x-message-ttl`: how long a message may wait in the queue. */
  messageTtl?: Micros;
  /** `x-max-length`: most ready messages. */
  maxLength?: number;
  /** `x-overflow`: drop (and dead-letter) the oldest, or refuse the publish (a negative confirm). */
  overflow: "drop-head" | "reject-publish";
  /** `x-dead-letter-exchange`. */
  deadLetterExchange?: string;
  /** `x-dead-letter-routing-key`; default the message's own routing key. */
  deadLetterRoutingKey?: string;
  /** `x-delivery-limit`: failed deliveries before dead-lettering; -1 unlimited. */
  deliveryLimit: number;
}

/** An exchange and its bindings. */
export interface ExchangeConfig {
  name: string;
  type: "direct" | "fanout";
  bindings: Array<{ queue: string; routingKey: string }>;
}

/** Bugs a queue broker can be switched into, for the bug zoo. */
export type QueueBrokerBug = "none" | "ack-before-sync";

/** Options of the RabbitMQ-like broker. */
export interface QueueBrokerOptions {
  queues: QueueConfig[];
  exchanges: ExchangeConfig[];
  /** How long one fsync takes (confirms of persistent messages wait for it). */
  flushLatency: Micros;
  /** The heartbeat timeout: a consumer connection silent this long is closed. */
  heartbeat: Micros;
  /** RocketMQ's `messageDelayLevel`, for consumers that send failed messages back. */
  delayLevels: Micros[];
  bug: QueueBrokerBug;
}

/**
 * RabbitMQ's defaults: a classic durable queue without TTL, length limit or dead-letter
 * exchange, overflow drop-head, no delivery limit for classic queues and 20 for quorum queues
 * (since 4.0), a 60 s heartbeat timeout. An fsync takes 1 ms.
 */
export const QUEUE_DEFAULTS = {
  type: "classic" as const,
  durable: true,
  overflow: "drop-head" as const,
  quorumDeliveryLimit: 20,
  flushLatency: 1 * MS,
  heartbeat: 60 * SECOND,
};

/** Reads one queue's config. */
export function queueConfig(value: unknown, where: string): QueueConfig {
  const q = (typeof value === "string" ? { name: value } : value) as Record<string, unknown>;
  if (typeof q !== "object" || q === null) throw new Error(`${where}: expected a queue such as { name: "orders", maxLength: 100 }, got ${JSON.stringify(value)}`);
  const type = choiceValue(q.type, `${where}.type`, ["classic", "quorum"] as const, QUEUE_DEFAULTS.type);
  const ttl = optionalDuration(q.messageTtl, `${where}.messageTtl`);
  const dlx = q.deadLetterExchange === undefined ? undefined : stringValue(q.deadLetterExchange, `${where}.deadLetterExchange`);
  const dlrk = q.deadLetterRoutingKey === undefined ? undefined : stringValue(q.deadLetterRoutingKey, `${where}.deadLetterRoutingKey`);
  const defaultLimit = type === "quorum" ? QUEUE_DEFAULTS.quorumDeliveryLimit : -1;
  return {
    name: stringValue(q.name, `${where}.name`),
    type,
    durable: booleanValue(q.durable, `${where}.durable`, QUEUE_DEFAULTS.durable),
    ...(ttl !== undefined ? { messageTtl: ttl } : {}),
    ...(q.maxLength !== undefined ? { maxLength: integerValue(q.maxLength, `${where}.maxLength`, 0) } : {}),
    overflow: choiceValue(q.overflow, `${where}.overflow`, ["drop-head", "reject-publish"] as const, QUEUE_DEFAULTS.overflow),
    ...(dlx !== undefined ? { deadLetterExchange: dlx } : {}),
    ...(dlrk !== undefined ? { deadLetterRoutingKey: dlrk } : {}),
    deliveryLimit: integerValue(q.deliveryLimit, `${where}.deliveryLimit`, defaultLimit, -1),
  };
}

/** Reads the broker's config, checking that bindings and dead-letter exchanges name what exists. */
export function queueBrokerOptions(c: Record<string, unknown>, where: string): QueueBrokerOptions {
  const rawQueues = c.queues ?? ["events"];
  if (!Array.isArray(rawQueues) || rawQueues.length === 0) throw new Error(`${where}.queues: expected a list of queues such as [{ name: "orders" }], got ${JSON.stringify(rawQueues)}`);
  const queues = rawQueues.map((q, i) => queueConfig(q, `${where}.queues[${i}]`));
  const names = new Set(queues.map((q) => q.name));
  const rawExchanges = c.exchanges ?? [];
  if (!Array.isArray(rawExchanges)) throw new Error(`${where}.exchanges: expected a list of exchanges, got ${JSON.stringify(rawExchanges)}`);
  const exchanges = rawExchanges.map((e, i): ExchangeConfig => {
    const at = `${where}.exchanges[${i}]`;
    const x = e as Record<string, unknown>;
    const bindings = Array.isArray(x.bindings) ? x.bindings : [];
    return {
      name: stringValue(x.name, `${at}.name`),
      type: choiceValue(x.type, `${at}.type`, ["direct", "fanout"] as const, "direct"),
      bindings: bindings.map((b, j) => {
        const bb = (typeof b === "string" ? { queue: b } : b) as Record<string, unknown>;
        const queue = stringValue(bb.queue, `${at}.bindings[${j}].queue`);
        if (!names.has(queue)) throw new Error(`${at}.bindings[${j}].queue: no queue "${queue}"; queues are ${[...names].join(", ")}`);
        return { queue, routingKey: typeof bb.routingKey === "string" ? bb.routingKey : queue };
      }),
    };
  });
  const exchangeNames = new Set(exchanges.map((e) => e.name));
  queues.forEach((q, i) => {
    if (q.deadLetterExchange !== undefined && q.deadLetterExchange !== "" && !exchangeNames.has(q.deadLetterExchange)) {
      throw new Error(`${where}.queues[${i}].deadLetterExchange: no exchange "${q.deadLetterExchange}"; declare it under exchanges, or use "" (the default exchange, routing by queue name)`);
    }
  });
  return {
    queues,
    exchanges,
    flushLatency: durationValue(c.flushLatency, `${where}.flushLatency`, QUEUE_DEFAULTS.flushLatency),
    heartbeat: Math.max(1, durationValue(c.heartbeat, `${where}.heartbeat`, QUEUE_DEFAULTS.heartbeat)),
    delayLevels: parseDelayLevels(typeof c.messageDelayLevel === "string" ? c.messageDelayLevel : ROCKETMQ_DELAY_LEVELS, `${where}.messageDelayLevel`),
    bug: choiceValue<QueueBrokerBug>(c.bug, `${where}.bug`, ["none", "ack-before-sync"], "none"),
  };
}
