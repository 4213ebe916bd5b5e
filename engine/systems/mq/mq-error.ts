/**
 * Error codes the brokers answer with, named as Kafka and RabbitMQ name them, so a trace reads
 * like the real system's logs. They travel in reply bodies (`{ error, message }`), not as
 * thrown errors: a refusal is an answer, and only a lost or timed-out call is a `CallError`.
 */
export type MqErrorCode =
  /** acks=all while the ISR is smaller than min.insync.replicas (Kafka). */
  | "NOT_ENOUGH_REPLICAS"
  /** The record was appended, but the ISR shrank below min.insync.replicas before it committed. */
  | "NOT_ENOUGH_REPLICAS_AFTER_APPEND"
  /** This broker does not lead the partition (anymore). */
  | "NOT_LEADER_OR_FOLLOWER"
  /** No broker leads the partition: it is offline. */
  | "LEADER_NOT_AVAILABLE"
  /** A request carried an older leader epoch than the replica knows. */
  | "FENCED_LEADER_EPOCH"
  | "UNKNOWN_TOPIC_OR_PARTITION"
  /** A fetch position past the end of the log. */
  | "OFFSET_OUT_OF_RANGE"
  /** An idempotent producer's sequence number skipped ahead: an earlier batch is missing. */
  | "OUT_OF_ORDER_SEQUENCE_NUMBER"
  /** The broker could not complete the request in time (acks=all waiting for the ISR). */
  | "REQUEST_TIMED_OUT"
  /** A group request from an older generation. */
  | "ILLEGAL_GENERATION"
  | "UNKNOWN_MEMBER_ID"
  | "REBALANCE_IN_PROGRESS"
  /** RabbitMQ: the queue is full and its overflow is reject-publish (a negative confirm). */
  | "REJECTED"
  /** RabbitMQ: the connection this request names is closed. */
  | "CONNECTION_CLOSED"
  | "NOT_FOUND";

/** The body of a refusal. */
export interface MqErrorReply {
  error: MqErrorCode;
  message: string;
}

/** Builds a refusal body. */
export function mqError(error: MqErrorCode, message: string): MqErrorReply {
  return { error, message };
}

/** Whether a reply body is a refusal. */
export function isMqError(body: unknown): body is MqErrorReply {
  return typeof body === "object" && body !== null && typeof (body as { error?: unknown }).error === "string";
}

/**
 * Errors a Kafka producer retries (they are `RetriableException`s in the Java client): the
 * cluster may recover from them on its own. NOT_ENOUGH_REPLICAS is one of them.
 */
export const RETRIABLE: ReadonlySet<string> = new Set([
  "NOT_ENOUGH_REPLICAS", "NOT_ENOUGH_REPLICAS_AFTER_APPEND", "NOT_LEADER_OR_FOLLOWER", "LEADER_NOT_AVAILABLE",
  "FENCED_LEADER_EPOCH", "UNKNOWN_TOPIC_OR_PARTITION", "OUT_OF_ORDER_SEQUENCE_NUMBER", "REQUEST_TIMED_OUT", "timeout",
]);
