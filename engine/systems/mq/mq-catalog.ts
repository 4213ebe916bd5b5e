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

/** The message queue process kinds, by the names scenario files use. */
export const mqProcesses: ProcessCatalog = {
  "kafka-controller": {
    factory: kafkaController,
    description: "Kafka-like controller: partition leaders, ISR, broker sessions, clean or unclean elections.",
  },
  "kafka-broker": {
    factory: kafkaBroker,
    description: "Kafka-like broker: partition replicas, leader and follower, ISR, high watermark, flush policy.",
  },
  "kafka-producer": {
    factory: kafkaProducer,
    description: "Kafka-like producer with a workload: keys, murmur2 partitioning, acks 0/1/all, retries, idempotence.",
  },
  "kafka-consumer": {
    factory: kafkaConsumer,
    description: "Kafka-like consumer in a group: rebalances, heartbeats, offset commit auto, before or after processing.",
  },
  "kafka-group-coordinator": {
    factory: groupCoordinator,
    description: "Kafka-like group coordinator: membership, generations, range assignment, durable committed offsets.",
  },
  "queue-broker": {
    factory: queueBroker,
    description: "RabbitMQ-like broker: exchanges, queues, confirms, prefetch, ack/nack/reject, DLX, TTL, length and delivery limits, RocketMQ retries.",
  },
  "queue-publisher": {
    factory: queuePublisher,
    description: "RabbitMQ-like publisher with a workload and publisher confirms.",
  },
  "queue-consumer": {
    factory: queueConsumer,
    description: "RabbitMQ-like consumer: prefetch, autoAck or manual acks, heartbeats, poison messages nacked, rejected or sent back.",
  },
};

/** The message queue checkers. */
export const mqCheckers: CheckerCatalog = {
  "no-acked-loss": { factory: noAckedLoss, description: "No message the brokers acknowledged is lost; params: acks (promised levels), settle, final." },
  duplicates: { factory: duplicates, description: "Counts messages processed twice; a violation unless params.guarantee is at-least-once (the default)." },
  "partition-order": { factory: partitionOrder, description: "Partitions are read in offset order, and one producer's messages of a key sit in the log in creation order." },
  "all-accounted": { factory: allAccounted, description: "Every acknowledged message is processed, dead-lettered, or still queued at the end, per consumer group; params: settle, groups." },
};
