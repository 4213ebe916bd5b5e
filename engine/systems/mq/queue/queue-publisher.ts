import { MS, SECOND } from "../../../core/time";
import { CallError } from "../../../node/runtime-api";
import type { ProcessFactory } from "../../../node/runtime-api";
import type { OptionTable, OptionValues } from "../../../options/option-table";
import { readOptions } from "../../../options/option-table";
import { addressValue, stringValue } from "../config-values";
import { resumeNow } from "../resume-now";
import { isMqError } from "../mq-error";
import { MQ_EVENTS } from "../mq-events";
import { keyOf, runArrivals, workloadOptions } from "../workload";
import type { WorkloadOptions } from "../workload";

/**
 * The RabbitMQ-like publisher's plain options, each declared once (engine/options/option-table.ts):
 * persistent messages with publisher confirms, a 5 s confirm timeout (read as at least 1 µs), no
 * re-publishing (RabbitMQ clients do not by themselves) and a 100 ms backoff when asked to.
 */
export const PUBLISHER_OPTIONS = {
  exchange: { type: "string", default: "", description: "The exchange; \"\" is the default exchange, which routes by queue name." },
  persistent: { type: "bool", default: true, description: "Written to disk by a durable queue.", source: "AMQP delivery_mode 2" },
  confirms: { type: "bool", default: true, description: "Wait for the broker's ack (or nack) of each message.", source: "RabbitMQ publisher confirms" },
  confirmTimeout: { type: "duration", default: 5 * SECOND, description: "How long to wait for a confirm." },
  retries: { type: "int", default: 0, min: 0, description: "Re-publish after a nack or timeout, this many times." },
  retryBackoff: { type: "duration", default: 100 * MS, description: "Wait before re-publishing." },
} as const satisfies OptionTable;

/** Options of the RabbitMQ-like publisher: the table's, the workload's, its broker and routing key. */
export type PublisherOptions = OptionValues<typeof PUBLISHER_OPTIONS> & WorkloadOptions & {
  broker: string;
  routingKey: string;
};

/** Reads a publisher's config: `queue` is shorthand for the default exchange with that routing key. */
export function publisherOptions(c: Record<string, unknown>, where: string): PublisherOptions {
  // A non-string exchange was always taken as the default exchange; kept so.
  const o = readOptions(PUBLISHER_OPTIONS, { ...c, exchange: typeof c.exchange === "string" ? c.exchange : undefined }, where);
  return {
    ...workloadOptions(c, where),
    ...o,
    broker: addressValue(c.broker, `${where}.broker`),
    routingKey: stringValue(c.routingKey ?? c.queue, `${where}.routingKey`, o.exchange === "" ? undefined : ""),
    confirmTimeout: Math.max(1, o.confirmTimeout),
  };
}

/**
 * A publisher with a workload and publisher confirms. A confirmed message is recorded as
 * `produce-ack` (acks `confirm`, with the queues it reached); a negative confirm or a timeout as
 * `produce-error`, unless retries are allowed, in which case the message is published again
 * (which may duplicate it: the first copy may have arrived). Without confirms, messages are
 * sent one way and nothing is promised.
 */
export const queuePublisher: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  const o = publisherOptions(config, `${rt.address} config`);
  const base = `${rt.address}#${rt.incarnation}`;

  const publish = async (n: number) => {
    const id = `${base}:${n}`;
    const key = keyOf(o, n);
    const body = { exchange: o.exchange, routingKey: o.routingKey, message: { id, key }, persistent: o.persistent };
    const created = rt.now();
    rt.metrics.count("mq.produce");
    rt.record(MQ_EVENTS.produce, { id, key, exchange: o.exchange, routingKey: o.routingKey, n });
    if (!o.confirms) {
      rt.send(o.broker, "publish", body);
      return;
    }
    for (let attempt = 1; ; attempt++) {
      let error: string;
      try {
        const reply = await rt.call<{ queues: string[] }>(o.broker, "publish", body, { timeout: o.confirmTimeout });
        if (!isMqError(reply)) {
          rt.metrics.count("mq.produce.acked");
          rt.metrics.observe("mq.produce.latency", rt.now() - created);
          rt.record(MQ_EVENTS.produceAck, { id, key, queues: reply.queues, acks: "confirm" });
          return;
        }
        error = reply.error;
      } catch (e) {
        error = e instanceof CallError ? e.code : "error";
      }
      if (attempt > o.retries) {
        rt.metrics.count("mq.produce.error");
        rt.record(MQ_EVENTS.produceError, { id, key, error, attempts: attempt });
        return;
      }
      rt.record(MQ_EVENTS.produceRetry, { id, error, attempt });
      await rt.sleep(o.retryBackoff);
    }
  };

  return {
    start() {
      runArrivals(rt, o, (n) => void publish(n));
      return resumeNow();
    },
  };
};
