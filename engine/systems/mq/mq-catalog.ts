import type { CheckerCatalog, ProcessCatalog } from "../../run-options";
import { kafkaBroker } from "./log/kafka-broker";
import { kafkaController } from "./log/kafka-controller";
import { kafkaProducer } from "./log/kafka-producer";
import { kafkaConsumer } from "./log/kafka-consumer";
import { groupCoordinator } from "./log/group-coordinator";
import { queueBroker } from "./queue/queue-broker";
import { queueConsumer } from "./queue/queue-consumer";
import { queuePublisher } from "./queue/queue-publisher";
import { allAccounted } from "./checks/all-accounted";
import { duplicates } from "./checks/duplicates";
import { noAckedLoss } from "./checks/no-acked-loss";
import { partitionOrder } from "./checks/partition-order";
import {
  BROKER_SCHEMA, CONSUMER_SCHEMA, CONTROLLER_SCHEMA, COORDINATOR_SCHEMA, PRODUCER_SCHEMA, PUBLISHER_SCHEMA, QUEUE_BROKER_SCHEMA, QUEUE_CONSUMER_SCHEMA,
} from "./config-schemas";

/** Timings scaled down so that failovers fit in seconds of virtual time (see QUICK_TIMINGS). */
const QUICK = { sessionTimeout: "3s" };

/** The message queue process kinds, by the names scenario files use. */
export const mqProcesses: ProcessCatalog = {
  "kafka-controller": {
    factory: kafkaController,
    description: "Kafka-like controller: partition leaders, ISR, broker sessions, clean or unclean elections.",
    configSchema: CONTROLLER_SCHEMA,
    profiles: {
      /** Kafka's documented defaults, spelled out. */
      kafka: { minInsyncReplicas: 1, uncleanLeaderElection: false, sessionTimeout: "9s" },
      /** The usual durable setup: acks=all needs two in-sync replicas. */
      durable: { minInsyncReplicas: 2, uncleanLeaderElection: false },
      quick: QUICK,
    },
  },
  "kafka-broker": {
    factory: kafkaBroker,
    description: "Kafka-like broker: partition replicas, leader and follower, ISR, high watermark, flush policy.",
    configSchema: BROKER_SCHEMA,
    profiles: {
      kafka: { flush: "never", replicaLagTimeMax: "30s", replicaFetchWaitMax: "500ms", replicaFetchBackoff: "1s", heartbeatInterval: "2s" },
      /** Forces every append to disk before it counts (log.flush.interval.messages=1). */
      "fsync-every": { flush: "every" },
      quick: { heartbeatInterval: "500ms", replicaLagTimeMax: "3s", replicaFetchBackoff: "200ms" },
    },
  },
  "kafka-producer": {
    factory: kafkaProducer,
    description: "Kafka-like producer with a workload: keys, murmur2 partitioning, acks 0/1/all, retries, idempotence.",
    configSchema: PRODUCER_SCHEMA,
    profiles: {
      /** Kafka 3.0+ defaults. */
      kafka: { acks: "all", enableIdempotence: true, retries: 2147483647, requestTimeout: "30s", deliveryTimeout: "120s", maxInFlight: 5 },
      /** Kafka 2.x defaults: acks=1, no idempotence. */
      "kafka-2": { acks: 1, enableIdempotence: false },
      quick: { requestTimeout: "2s", deliveryTimeout: "20s" },
    },
  },
  "kafka-consumer": {
    factory: kafkaConsumer,
    description: "Kafka-like consumer in a group: rebalances, heartbeats, offset commit auto, before or after processing.",
    configSchema: CONSUMER_SCHEMA,
    profiles: {
      kafka: { commit: "auto", autoCommitInterval: "5s", sessionTimeout: "45s", heartbeatInterval: "3s", maxPollRecords: 500 },
      "at-most-once": { commit: "before-process" },
      "at-least-once": { commit: "after-process" },
      quick: { sessionTimeout: "3s", heartbeatInterval: "1s", requestTimeout: "2s", rebalanceTimeout: "10s", autoCommitInterval: "1s" },
    },
  },
  "kafka-group-coordinator": {
    factory: groupCoordinator,
    description: "Kafka-like group coordinator: membership, generations, range assignment, durable committed offsets.",
    configSchema: COORDINATOR_SCHEMA,
  },
  "queue-broker": {
    factory: queueBroker,
    description: "RabbitMQ-like broker: exchanges, queues, confirms, prefetch, ack/nack/reject, DLX, TTL, length and delivery limits, RocketMQ retries.",
    configSchema: QUEUE_BROKER_SCHEMA,
    profiles: { rabbitmq: { heartbeat: "60s" }, quick: { heartbeat: "2s" } },
  },
  "queue-publisher": {
    factory: queuePublisher,
    description: "RabbitMQ-like publisher with a workload and publisher confirms.",
    configSchema: PUBLISHER_SCHEMA,
  },
  "queue-consumer": {
    factory: queueConsumer,
    description: "RabbitMQ-like consumer: prefetch, autoAck or manual acks, heartbeats, poison messages nacked, rejected or sent back.",
    configSchema: QUEUE_CONSUMER_SCHEMA,
    profiles: {
      rabbitmq: { prefetch: 0, autoAck: false, heartbeat: "60s", onFailure: "nack-requeue" },
      /** A RocketMQ push consumer: failures go back to the broker, retried on the delay levels. */
      rocketmq: { onFailure: "send-back", maxReconsumeTimes: -1 },
      quick: { heartbeat: "2s", requestTimeout: "1s" },
    },
  },
};

/** The message queue checkers. */
export const mqCheckers: CheckerCatalog = {
  "no-acked-loss": { factory: noAckedLoss, description: "No message the brokers acknowledged is lost; params: acks (promised levels), settle, final." },
  duplicates: { factory: duplicates, description: "Counts messages processed twice; a violation unless params.guarantee is at-least-once (the default)." },
  "partition-order": { factory: partitionOrder, description: "Partitions are read in offset order, and one producer's messages of a key sit in the log in creation order." },
  "all-accounted": { factory: allAccounted, description: "Every acknowledged message is processed, dead-lettered, or still queued at the end, per consumer group; params: settle, groups." },
};
