/**
 * The history events the message queue components record and the checkers read. One place, so
 * a producer and a checker can never disagree on a name. Every event about a message carries
 * its `id`, unique in the run (`<producer address>#<incarnation>:<n>`).
 */
export const MQ_EVENTS = {
  /** A producer created a message and starts sending it: `id, key, topic|exchange, partition?`. */
  produce: "produce",
  /** The broker acknowledged it (Kafka acks 1/all, a RabbitMQ publisher confirm): `id, offset?, acks`. */
  produceAck: "produce-ack",
  /** The producer retries after a retriable error: `id, error`. */
  produceRetry: "produce-retry",
  /** The producer gave up, or the broker refused for good: `id, error`. */
  produceError: "produce-error",
  /** A delivery reached a consumer: `id, group, topic+partition+offset | queue, redelivered?`. */
  consume: "consume",
  /** The consumer finished processing it (its side effect happened): `id, group`. */
  process: "process",
  /** Processing failed (a poison message): `id, group, action`. */
  processFail: "process-fail",
  /** A Kafka consumer committed offsets: `group, topic, partition, offset, generation`. */
  commitOffset: "commit-offset",
  /** A broker moved a message to a dead-letter queue: `id, queue, reason, to`. */
  deadLetter: "dead-letter",
  /** A broker dropped a message on purpose (no DLX, unroutable): `id, queue, reason`. */
  discard: "discard",
  /** RocketMQ: a failed message will come back after a delay: `id, reconsumeTimes, level, delay`. */
  retryScheduled: "retry-scheduled",
  /** A replica cut records off its log (divergence after a leader change): `topic, partition, from, to, ids`. */
  truncate: "truncate",
  /** The controller chose a leader: `topic, partition, leader, epoch, isr, unclean`. */
  leaderElected: "leader-elected",
  /** The controller found no eligible leader: `topic, partition, isr`. */
  partitionOffline: "partition-offline",
  /** The ISR changed: `topic, partition, isr, reason`. */
  isrChange: "isr-change",
  /** A consumer joined a group generation: `group, generation, assignment`. */
  groupJoined: "group-joined",
  /** A consumer learned its position was past the leader's log and moved back: `topic, partition, from, to`. */
  truncationDetected: "truncation-detected",
  /** A queue broker closed a consumer's connection and requeued its unacked deliveries: `connection, requeued`. */
  connectionClosed: "connection-closed",
} as const;
