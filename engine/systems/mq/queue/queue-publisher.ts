import type { Micros } from "../../../core/time";
import { MS, SECOND } from "../../../core/time";
import { CallError } from "../../../node/runtime-api";
import type { ProcessFactory } from "../../../node/runtime-api";
import { addressValue, booleanValue, durationValue, integerValue, stringValue } from "../config-values";
import { resumeNow } from "../resume-now";
import { isMqError } from "../mq-error";
import { MQ_EVENTS } from "../mq-events";
import { keyOf, runArrivals, workloadOptions } from "../workload";
import type { WorkloadOptions } from "../workload";

/** Options of the RabbitMQ-like publisher. */
export interface PublisherOptions extends WorkloadOptions {
  broker: string;
  /** `""` is the default exchange, which routes by queue name. */
  exchange: string;
  routingKey: string;
  /** delivery_mode 2: written to disk by a durable queue. */
  persistent: boolean;
  /** Publisher confirms: wait for the broker's ack (or nack) of each message. */
  confirms: boolean;
  confirmTimeout: Micros;
  /** Re-publish after a timeout or a nack, this many times. RabbitMQ clients do not by themselves. */
  retries: number;
  retryBackoff: Micros;
}

/** Reads a publisher's config: `queue` is shorthand for the default exchange with that routing key. */
export function publisherOptions(c: Record<string, unknown>, where: string): PublisherOptions {
  const exchange = typeof c.exchange === "string" ? c.exchange : "";
  return {
    ...workloadOptions(c, where),
    broker: addressValue(c.broker, `${where}.broker`),
    exchange,
    routingKey: stringValue(c.routingKey ?? c.queue, `${where}.routingKey`, exchange === "" ? undefined : ""),
    persistent: booleanValue(c.persistent, `${where}.persistent`, true),
    confirms: booleanValue(c.confirms, `${where}.confirms`, true),
    confirmTimeout: Math.max(1, durationValue(c.confirmTimeout, `${where}.confirmTimeout`, 5 * SECOND)),
    retries: integerValue(c.retries, `${where}.retries`, 0),
    retryBackoff: durationValue(c.retryBackoff, `${where}.retryBackoff`, 100 * MS),
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
