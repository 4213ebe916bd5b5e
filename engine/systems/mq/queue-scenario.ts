import type { Micros } from "../../core/time";
import { MS, SECOND } from "../../core/time";
import type { CheckSpec, FaultSpec, NemesisSpec, Scenario, Seed, TriggerSpec } from "../../scenario";
import type { LatencySpec } from "../../net/latency-spec";
import { MQ_CHECKS } from "./kafka-scenario";

/** What `queueScenario` builds. */
export interface QueueScenarioOptions {
  name?: string;
  seed?: Seed;
  /** Default 30 s. */
  duration?: Micros;
  /** The broker's config; default one durable classic queue `work`. */
  broker?: Record<string, unknown>;
  /** The publisher's config (node `p1`); null for none. */
  publisher?: Record<string, unknown> | null;
  /** Consumers `c1`..`cN` on the queue; default 2. */
  consumers?: number;
  consumer?: Record<string, unknown> | ((i: number) => Record<string, unknown>);
  /** A consumer (node `d1`, group `dlq`) on this queue: the dead letters. */
  deadLetterQueue?: string;
  latency?: LatencySpec;
  faults?: FaultSpec[];
  triggers?: TriggerSpec[];
  nemesis?: NemesisSpec;
  checks?: CheckSpec[];
}

/** Node and process names of the built scenarios. */
export const QUEUE_NAMES = {
  broker: "mq/broker",
  publisher: "p1/publisher",
  consumer: (i: number) => `c${i + 1}/consumer`,
  consumerNode: (i: number) => `c${i + 1}`,
  deadLetters: "d1/consumer",
};

/** A 2 s heartbeat timeout instead of RabbitMQ's 60 s, so a lost connection is noticed within a run. */
export const QUICK_HEARTBEAT = 2 * SECOND;

/**
 * Builds a RabbitMQ-like setup: a broker on `mq`, a publisher on `p1` sending 20 messages a
 * second to the queue `work`, consumers `c1`.. and, optionally, a consumer of the dead letters
 * on `d1`, with the message queue checkers.
 */
export function queueScenario(o: QueueScenarioOptions = {}): Scenario {
  const n = o.consumers ?? 2;
  const consumerConfig = (i: number) => (typeof o.consumer === "function" ? o.consumer(i) : o.consumer ?? {});
  const broker = { queues: [{ name: "work" }], heartbeat: QUICK_HEARTBEAT, ...o.broker };
  const common = { broker: QUEUE_NAMES.broker, heartbeat: QUICK_HEARTBEAT, requestTimeout: 1 * SECOND };
  return {
    name: o.name ?? "queue",
    seed: o.seed ?? 1,
    duration: o.duration ?? 30 * SECOND,
    nodes: [
      { name: "mq" }, ...(o.publisher === null ? [] : [{ name: "p1" }]),
      ...Array.from({ length: n }, (_, i) => ({ name: QUEUE_NAMES.consumerNode(i) })),
      ...(o.deadLetterQueue ? [{ name: "d1" }] : []),
    ],
    processes: [
      { node: "mq", name: "broker", kind: "queue-broker", config: broker },
      ...(o.publisher === null ? [] : [{ node: "p1", name: "publisher", kind: "queue-publisher", config: { broker: QUEUE_NAMES.broker, queue: "work", count: 200, rate: 20, confirmTimeout: 1 * SECOND, ...o.publisher } }]),
      ...Array.from({ length: n }, (_, i) => ({
        node: QUEUE_NAMES.consumerNode(i), name: "consumer", kind: "queue-consumer", config: { ...common, queue: "work", ...consumerConfig(i) },
      })),
      ...(o.deadLetterQueue ? [{ node: "d1", name: "consumer", kind: "queue-consumer", config: { ...common, queue: o.deadLetterQueue, group: "dlq" } }] : []),
    ],
    network: { latency: o.latency ?? { dist: "uniform", min: 1 * MS, max: 3 * MS }, fifo: true },
    ...(o.faults ? { faults: o.faults } : {}),
    ...(o.triggers ? { triggers: o.triggers } : {}),
    ...(o.nemesis ? { nemesis: o.nemesis } : {}),
    checks: o.checks ?? MQ_CHECKS,
  };
}
