import type { Micros } from "../../../core/time";
import { MS, SECOND } from "../../../core/time";
import { addressValue, choiceValue, durationValue, integerValue, stringList, stringValue } from "../config-values";

/**
 * When a consumer commits its offsets, and so what it guarantees:
 * - `auto` (Kafka's `enable.auto.commit=true`, the default): every `autoCommitInterval`, at the
 *   next poll, the offsets of what earlier polls returned, which the loop has processed by
 *   then: at-least-once;
 * - `before-process`: commit what a poll returned, then process it: at-most-once, a crash in
 *   between loses those messages;
 * - `after-process`: process, then commit: at-least-once, a crash in between processes them
 *   again.
 */
export type CommitMode = "auto" | "before-process" | "after-process";

/** Bugs a consumer can be switched into, for the bug zoo. */
export type ConsumerBug =
  /** Correct. */
  | "none"
  /**
   * Claims `after-process` (at-least-once) but commits before it processes: a crash between
   * the two loses the batch, which nobody will process.
   */
  | "commit-before-process";

/** Options of a Kafka-like consumer. */
export interface ConsumerOptions {
  controller: string;
  coordinator: string;
  group: string;
  topics: string[];
  commit: CommitMode;
  autoCommitInterval: Micros;
  /** How long processing one record takes. */
  processingTime: Micros;
  /** `max.poll.records`. */
  maxPollRecords: number;
  /** `fetch.max.wait.ms`: how long the leader holds a fetch with nothing new. */
  fetchMaxWait: Micros;
  /** `session.timeout.ms`: silent this long, the member is dropped from the group. */
  sessionTimeout: Micros;
  heartbeatInterval: Micros;
  /** `max.poll.interval.ms`, which is also how long a rebalance waits for members to rejoin. */
  rebalanceTimeout: Micros;
  requestTimeout: Micros;
  retryBackoff: Micros;
  /** Where to start without a committed offset. */
  autoOffsetReset: "earliest" | "latest";
  bug: ConsumerBug;
}

/**
 * The Java client's defaults: auto commit every 5 s, max.poll.records 500, fetch.max.wait.ms
 * 500 ms, session timeout 45 s, heartbeat 3 s, max.poll.interval.ms 5 min, request timeout 30 s,
 * retry backoff 100 ms. One departure: `auto.offset.reset` defaults to `earliest` here (Kafka's
 * is `latest`), because consumers start with their producers, where `latest` would silently
 * skip what was written before a partition's first commit; set it to see that lesson.
 */
export const CONSUMER_DEFAULTS = {
  commit: "auto" as CommitMode,
  autoCommitInterval: 5 * SECOND,
  processingTime: 1 * MS,
  maxPollRecords: 500,
  fetchMaxWait: 500 * MS,
  sessionTimeout: 45 * SECOND,
  heartbeatInterval: 3 * SECOND,
  rebalanceTimeout: 300 * SECOND,
  requestTimeout: 30 * SECOND,
  retryBackoff: 100 * MS,
  autoOffsetReset: "earliest" as const,
};

/** Reads a consumer's config. */
export function consumerOptions(c: Record<string, unknown>, where: string): ConsumerOptions {
  const d = CONSUMER_DEFAULTS;
  const topics = c.topics !== undefined ? stringList(c.topics, `${where}.topics`) : [stringValue(c.topic, `${where}.topic`, "events")];
  if (topics.length === 0) throw new Error(`${where}.topics: a consumer needs at least one topic`);
  const sessionTimeout = Math.max(1, durationValue(c.sessionTimeout, `${where}.sessionTimeout`, d.sessionTimeout));
  const heartbeatInterval = Math.max(1, durationValue(c.heartbeatInterval, `${where}.heartbeatInterval`, d.heartbeatInterval));
  if (heartbeatInterval >= sessionTimeout) throw new Error(`${where}.heartbeatInterval: must be shorter than sessionTimeout (Kafka recommends a third of it)`);
  return {
    controller: addressValue(c.controller, `${where}.controller`),
    coordinator: addressValue(c.coordinator, `${where}.coordinator`),
    group: stringValue(c.group, `${where}.group`, "group"),
    topics,
    commit: choiceValue<CommitMode>(c.commit, `${where}.commit`, ["auto", "before-process", "after-process"], d.commit),
    autoCommitInterval: Math.max(1, durationValue(c.autoCommitInterval, `${where}.autoCommitInterval`, d.autoCommitInterval)),
    processingTime: durationValue(c.processingTime, `${where}.processingTime`, d.processingTime),
    maxPollRecords: integerValue(c.maxPollRecords, `${where}.maxPollRecords`, d.maxPollRecords, 1),
    fetchMaxWait: Math.max(1, durationValue(c.fetchMaxWait, `${where}.fetchMaxWait`, d.fetchMaxWait)),
    sessionTimeout,
    heartbeatInterval,
    rebalanceTimeout: Math.max(1, durationValue(c.rebalanceTimeout, `${where}.rebalanceTimeout`, d.rebalanceTimeout)),
    requestTimeout: Math.max(1, durationValue(c.requestTimeout, `${where}.requestTimeout`, d.requestTimeout)),
    retryBackoff: Math.max(1, durationValue(c.retryBackoff, `${where}.retryBackoff`, d.retryBackoff)),
    autoOffsetReset: choiceValue(c.autoOffsetReset, `${where}.autoOffsetReset`, ["earliest", "latest"] as const, d.autoOffsetReset),
    bug: choiceValue<ConsumerBug>(c.bug, `${where}.bug`, ["none", "commit-before-process"], "none"),
  };
}
