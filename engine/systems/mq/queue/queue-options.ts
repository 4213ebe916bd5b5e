import type { Micros } from "../../../core/time";
import { MS, SECOND } from "../../../core/time";
import type { OptionTable } from "../../../options/option-table";
import { readOptions } from "../../../options/option-table";
import { choiceValue, stringValue } from "../config-values";
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
 * One queue's plain arguments, each declared once (engine/options/option-table.ts), with
 * RabbitMQ's defaults: a classic durable queue without TTL or length limit, overflow drop-head,
 * and no delivery limit for classic queues but 20 for quorum queues (since 4.0). The dead-letter
 * exchange and routing key have no default (absent means none) and are read beside the table.
 */
export const QUEUE_OPTIONS = {
  type: { type: "enum", default: "classic", values: ["classic", "quorum"], description: "Classic, or quorum (with a default delivery limit and Raft-style returns).", source: "RabbitMQ x-queue-type" },
  durable: { type: "bool", default: true, description: "Persistent messages are written to disk and confirmed after the fsync." },
  messageTtl: { type: "duration", default: null, nullable: true, description: "How long a message may wait in the queue; null: forever.", source: "RabbitMQ x-message-ttl" },
  maxLength: { type: "int", default: null, nullable: true, min: 0, description: "Most ready messages; null: no limit.", source: "RabbitMQ x-max-length" },
  overflow: { type: "enum", default: "drop-head", values: ["drop-head", "reject-publish"], description: "Drop (and dead-letter) the oldest, or refuse the publish (a negative confirm).", source: "RabbitMQ x-overflow" },
  deliveryLimit: { type: "int", default: null, nullable: true, min: -1, description: "Failed deliveries before dead-lettering; -1 unlimited; null: 20 for quorum queues, -1 for classic ones.", source: "RabbitMQ x-delivery-limit" },
} as const satisfies OptionTable;

/** A quorum queue's delivery limit when none is given (RabbitMQ 4.0). */
const QUORUM_DELIVERY_LIMIT = 20;

/**
 * The broker's plain options: an fsync takes 1 ms, RabbitMQ's 60 s heartbeat timeout (read as at
 * least 1 µs), RocketMQ's delay levels for consumers that send failed messages back.
 */
export const QUEUE_BROKER_OPTIONS = {
  flushLatency: { type: "duration", default: 1 * MS, description: "How long one fsync takes (confirms of persistent messages wait for it)." },
  heartbeat: { type: "duration", default: 60 * SECOND, description: "A consumer connection silent this long is closed.", source: "RabbitMQ heartbeat" },
  messageDelayLevel: { type: "string", default: ROCKETMQ_DELAY_LEVELS, description: "Delays of retry levels 1, 2, ...", source: "RocketMQ messageDelayLevel" },
  bug: { type: "enum", default: "none", values: ["none", "ack-before-sync"], description: "Bug zoo: confirm a persistent message before its fsync finishes." },
} as const satisfies OptionTable;

/** Reads one queue's config. */
export function queueConfig(value: unknown, where: string): QueueConfig {
  const q = (typeof value === "string" ? { name: value } : value) as Record<string, unknown>;
  if (typeof q !== "object" || q === null) throw new Error(`${where}: expected a queue such as { name: "orders", maxLength: 100 }, got ${JSON.stringify(value)}`);
  const o = readOptions(QUEUE_OPTIONS, q, where);
  const dlx = q.deadLetterExchange === undefined ? undefined : stringValue(q.deadLetterExchange, `${where}.deadLetterExchange`);
  const dlrk = q.deadLetterRoutingKey === undefined ? undefined : stringValue(q.deadLetterRoutingKey, `${where}.deadLetterRoutingKey`);
  return {
    name: stringValue(q.name, `${where}.name`),
    type: o.type,
    durable: o.durable,
    ...(o.messageTtl !== null ? { messageTtl: o.messageTtl } : {}),
    ...(o.maxLength !== null ? { maxLength: o.maxLength } : {}),
    overflow: o.overflow,
    ...(dlx !== undefined ? { deadLetterExchange: dlx } : {}),
    ...(dlrk !== undefined ? { deadLetterRoutingKey: dlrk } : {}),
    deliveryLimit: o.deliveryLimit ?? (o.type === "quorum" ? QUORUM_DELIVERY_LIMIT : -1),
  };
}

/** Reads the broker's config, checking that bindings and dead-letter exchanges name what exists. */
export function queueBrokerOptions(c: Record<string, unknown>, where: string): QueueBrokerOptions {
  // A messageDelayLevel that is not text was always taken as the default; kept so.
  const o = readOptions(QUEUE_BROKER_OPTIONS, { ...c, messageDelayLevel: typeof c.messageDelayLevel === "string" ? c.messageDelayLevel : undefined }, where);
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
    flushLatency: o.flushLatency,
    heartbeat: Math.max(1, o.heartbeat),
    delayLevels: parseDelayLevels(o.messageDelayLevel, `${where}.messageDelayLevel`),
    bug: o.bug,
  };
}
