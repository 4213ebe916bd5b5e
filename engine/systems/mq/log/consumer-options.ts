import type { Micros } from "../../../core/time";
import { MS, SECOND } from "../../../core/time";
import type { OptionTable, OptionValues } from "../../../options/option-table";
import { readOptions } from "../../../options/option-table";
import { badConfig } from "../../../options/option-values";
import { addressValue, stringList, stringValue } from "../config-values";

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

/**
 * A Kafka-like consumer's plain options, each declared once (engine/options/option-table.ts),
 * with the Java client's defaults: auto commit every 5 s, max.poll.records 500,
 * fetch.max.wait.ms 500 ms, session timeout 45 s, heartbeat 3 s, max.poll.interval.ms 5 min,
 * request timeout 30 s, retry backoff 100 ms. One departure: `auto.offset.reset` defaults to
 * `earliest` here (Kafka's is `latest`), because consumers start with their producers, where
 * `latest` would silently skip what was written before a partition's first commit; set it to
 * see that lesson. Every interval but the processing time is read as at least 1 µs.
 */
export const CONSUMER_OPTIONS = {
  group: { type: "string", default: "group", description: "The consumer group.", source: "Kafka group.id" },
  commit: { type: "enum", default: "auto", values: ["auto", "before-process", "after-process"], description: "Offset commit: auto (Kafka's default), before processing (at-most-once), after processing (at-least-once)." },
  autoCommitInterval: { type: "duration", default: 5 * SECOND, description: "How often auto commit commits.", source: "Kafka auto.commit.interval.ms" },
  processingTime: { type: "duration", default: 1 * MS, description: "Time to process one record." },
  maxPollRecords: { type: "int", default: 500, min: 1, description: "Most records one poll returns.", source: "Kafka max.poll.records" },
  fetchMaxWait: { type: "duration", default: 500 * MS, description: "How long the leader holds a fetch with nothing new.", source: "Kafka fetch.max.wait.ms" },
  sessionTimeout: { type: "duration", default: 45 * SECOND, description: "Silent this long, the member is dropped from the group.", source: "Kafka session.timeout.ms" },
  heartbeatInterval: { type: "duration", default: 3 * SECOND, description: "How often the member heartbeats; shorter than sessionTimeout.", source: "Kafka heartbeat.interval.ms" },
  rebalanceTimeout: { type: "duration", default: 300 * SECOND, description: "How long a poll loop may stall, and how long a rebalance waits for members to rejoin.", source: "Kafka max.poll.interval.ms" },
  requestTimeout: { type: "duration", default: 30 * SECOND, description: "How long one request may take.", source: "Kafka request.timeout.ms" },
  retryBackoff: { type: "duration", default: 100 * MS, description: "Wait before a retry.", source: "Kafka retry.backoff.ms" },
  autoOffsetReset: { type: "enum", default: "earliest", values: ["earliest", "latest"], description: "Where to start without a committed offset (Kafka's default is latest).", source: "Kafka auto.offset.reset" },
  bug: { type: "enum", default: "none", values: ["none", "commit-before-process"], description: "Bug zoo: claim after-process but commit before processing." },
} as const satisfies OptionTable;

/** Options of a Kafka-like consumer: the table's, where metadata and the group live, and the topics. */
export type ConsumerOptions = OptionValues<typeof CONSUMER_OPTIONS> & {
  controller: string;
  coordinator: string;
  topics: string[];
};

/** Reads a consumer's config; `topic` is shorthand for one topic, and the default is `events`. */
export function consumerOptions(c: Record<string, unknown>, where: string): ConsumerOptions {
  const topics = c.topics !== undefined ? stringList(c.topics, `${where}.topics`) : [stringValue(c.topic, `${where}.topic`, "events")];
  if (topics.length === 0) throw new Error(`${where}.topics: a consumer needs at least one topic`);
  const o = readOptions(CONSUMER_OPTIONS, c, where);
  if (o.group === "") badConfig(where, "group", "a group name", o.group);
  const atLeast1 = (us: Micros) => Math.max(1, us);
  const sessionTimeout = atLeast1(o.sessionTimeout);
  const heartbeatInterval = atLeast1(o.heartbeatInterval);
  if (heartbeatInterval >= sessionTimeout) throw new Error(`${where}.heartbeatInterval: must be shorter than sessionTimeout (Kafka recommends a third of it)`);
  return {
    ...o,
    controller: addressValue(c.controller, `${where}.controller`),
    coordinator: addressValue(c.coordinator, `${where}.coordinator`),
    topics,
    autoCommitInterval: atLeast1(o.autoCommitInterval),
    fetchMaxWait: atLeast1(o.fetchMaxWait),
    sessionTimeout,
    heartbeatInterval,
    rebalanceTimeout: atLeast1(o.rebalanceTimeout),
    requestTimeout: atLeast1(o.requestTimeout),
    retryBackoff: atLeast1(o.retryBackoff),
  };
}
