import type { Micros } from "../../core/time";
import { MS, SECOND } from "../../core/time";
import type { CheckSpec, FaultSpec, NemesisSpec, Scenario, Seed, TriggerSpec } from "../../scenario";
import type { LatencySpec } from "../../net/latency-spec";

/** What `kafkaScenario` builds. Every config is merged over the quick timings below. */
export interface KafkaScenarioOptions {
  name?: string;
  seed?: Seed;
  /** Default 30 s. */
  duration?: Micros;
  /** Brokers `b1`..`bN`; default 3. */
  brokers?: number;
  /** The one topic (`orders` unless named): partitions, replication factor, min ISR, unclean election. */
  topic?: Record<string, unknown>;
  controller?: Record<string, unknown>;
  /** Every broker's config, or one per broker (by index, 0-based). */
  broker?: Record<string, unknown> | ((i: number) => Record<string, unknown>);
  /** The producer's config (node `p1`); null for no producer. */
  producer?: Record<string, unknown> | null;
  /** Consumers `c1`..`cN` in one group; default 2. */
  consumers?: number;
  consumer?: Record<string, unknown> | ((i: number) => Record<string, unknown>);
  /** When the consumers first start; default 0. */
  consumerStart?: Micros;
  /** Latency of every link; default uniform 1..3 ms, FIFO (one TCP connection per pair). */
  latency?: LatencySpec;
  faults?: FaultSpec[];
  triggers?: TriggerSpec[];
  nemesis?: NemesisSpec;
  /** Default: no-acked-loss, duplicates (at-least-once), partition-order, all-accounted. */
  checks?: CheckSpec[];
}

/** Node and process names of the built scenarios. */
export const KAFKA_NAMES = {
  controller: "ctl/controller",
  coordinator: "ctl/coordinator",
  broker: (i: number) => `b${i + 1}/broker`,
  brokerNode: (i: number) => `b${i + 1}`,
  producer: "p1/producer",
  consumer: (i: number) => `c${i + 1}/consumer`,
  consumerNode: (i: number) => `c${i + 1}`,
};

/** The checks a message queue scenario runs unless it says otherwise. */
export const MQ_CHECKS: CheckSpec[] = [{ name: "no-acked-loss" }, { name: "duplicates" }, { name: "partition-order" }, { name: "all-accounted" }];

/**
 * Timings scaled down from Kafka's defaults so that a failover fits in seconds of virtual time:
 * broker sessions of 3 s, heartbeats of 500 ms, a 3 s replica lag bound, consumer sessions of
 * 3 s with 1 s heartbeats, 2 s request timeouts. The mechanisms are Kafka's; only the clocks
 * are faster.
 */
export const QUICK_TIMINGS = {
  controller: { sessionTimeout: 3 * SECOND },
  broker: { heartbeatInterval: 500 * MS, replicaLagTimeMax: 3 * SECOND, replicaFetchBackoff: 200 * MS },
  producer: { requestTimeout: 2 * SECOND, deliveryTimeout: 20 * SECOND },
  consumer: { sessionTimeout: 3 * SECOND, heartbeatInterval: 1 * SECOND, requestTimeout: 2 * SECOND, rebalanceTimeout: 10 * SECOND, autoCommitInterval: 1 * SECOND },
};

/**
 * Builds a Kafka-like cluster: a controller and a group coordinator on `ctl`, brokers `b1`..,
 * a producer on `p1` and a consumer group on `c1`.., with the message queue checkers. Tests and
 * programs that build scenarios in code use it; the library's YAML files spell out the same.
 */
export function kafkaScenario(o: KafkaScenarioOptions = {}): Scenario {
  const nb = o.brokers ?? 3;
  const nc = o.consumers ?? 2;
  const brokers = Array.from({ length: nb }, (_, i) => KAFKA_NAMES.broker(i));
  const topic = { name: "orders", partitions: 3, ...o.topic };
  const brokerConfig = (i: number) => (typeof o.broker === "function" ? o.broker(i) : o.broker ?? {});
  const consumerConfig = (i: number) => (typeof o.consumer === "function" ? o.consumer(i) : o.consumer ?? {});
  const cluster = { controller: KAFKA_NAMES.controller };
  return {
    name: o.name ?? "kafka",
    seed: o.seed ?? 1,
    duration: o.duration ?? 30 * SECOND,
    nodes: [
      { name: "ctl" }, ...brokers.map((_, i) => ({ name: KAFKA_NAMES.brokerNode(i) })),
      ...(o.producer === null ? [] : [{ name: "p1" }]),
      ...Array.from({ length: nc }, (_, i) => ({ name: KAFKA_NAMES.consumerNode(i) })),
    ],
    processes: [
      { node: "ctl", name: "controller", kind: "kafka-controller", config: { brokers, topics: [topic], ...QUICK_TIMINGS.controller, ...o.controller } },
      { node: "ctl", name: "coordinator", kind: "kafka-group-coordinator", config: {} },
      ...brokers.map((_, i) => ({ node: KAFKA_NAMES.brokerNode(i), name: "broker", kind: "kafka-broker", config: { ...cluster, ...QUICK_TIMINGS.broker, ...brokerConfig(i) } })),
      ...(o.producer === null ? [] : [{ node: "p1", name: "producer", kind: "kafka-producer", config: { ...cluster, topic: topic.name, count: 200, rate: 20, ...QUICK_TIMINGS.producer, ...o.producer } }]),
      ...Array.from({ length: nc }, (_, i) => ({
        node: KAFKA_NAMES.consumerNode(i), name: "consumer", kind: "kafka-consumer", startAt: o.consumerStart ?? 0,
        config: { ...cluster, coordinator: KAFKA_NAMES.coordinator, group: "g", topic: topic.name, ...QUICK_TIMINGS.consumer, ...consumerConfig(i) },
      })),
    ],
    network: { latency: o.latency ?? { dist: "uniform", min: 1 * MS, max: 3 * MS }, fifo: true },
    ...(o.faults ? { faults: o.faults } : {}),
    ...(o.triggers ? { triggers: o.triggers } : {}),
    ...(o.nemesis ? { nemesis: o.nemesis } : {}),
    checks: o.checks ?? MQ_CHECKS,
  };
}
