import type { ProcessFactory } from "../../../node/runtime-api";
import { resumeNow } from "../resume-now";
import { MQ_EVENTS } from "../mq-events";
import { isMqError } from "../mq-error";
import { fetchPartition, latestOffset } from "./consumer-fetch";
import type { Position } from "./consumer-fetch";
import { consumerOptions } from "./consumer-options";
import type { JoinResult } from "./consumer-group";
import type { LogRecord } from "./log-record";
import { MetadataClient } from "./metadata-client";
import type { TopicPartition } from "./range-assignor";
import { tpName } from "./topic-layout";

/** What the consumer publishes for the visualizer. */
interface ConsumerView {
  member: string | null;
  generation: number;
  assignment: string[];
  positions: Record<string, number>;
  processed: number;
}

/** A record fetched from one partition. */
type Fetched = { tp: TopicPartition; rec: LogRecord };

/**
 * A Kafka-like consumer in a consumer group. Its loop: join the group (a rebalance), read the
 * committed offsets of its partitions, then poll (fetch every assigned partition from its
 * leader at once), and handle each batch by its commit mode: commit then process
 * (at-most-once), process then commit (at-least-once), or process and let the auto commit take
 * the offsets at a later poll. A heartbeat runs beside the loop; when it says a rebalance is in
 * progress, the loop finishes its batch, commits what it processed (unless it commits before
 * processing) and rejoins. History: `group-joined`, `consume` (a delivery), `process`,
 * `commit-offset`, `truncation-detected`.
 */
export const kafkaConsumer: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  const o = consumerOptions(config, `${rt.address} config`);
  const meta = new MetadataClient(rt, o.controller, o.requestTimeout);
  const commitFirst = o.commit === "before-process" || o.bug === "commit-before-process";
  let member: JoinResult | null = null;
  let rejoin = false;
  let heartbeatToken = 0;
  let positions = new Map<string, Position>();
  let nextAutoCommit = 0;
  let processed = 0;

  const show = () => rt.publish<ConsumerView>((v) => {
    v.member = member?.memberId ?? null;
    v.generation = member?.generation ?? -1;
    v.assignment = (member?.assignment ?? []).map((tp) => tpName(tp.topic, tp.partition));
    v.positions = Object.fromEntries([...positions].map(([k, p]) => [k, p.offset]));
    v.processed = processed;
  });

  /** Commits the current positions; false when the group refused (a rebalance moved on). */
  const commit = async (): Promise<boolean> => {
    const m = member;
    if (!m || m.assignment.length === 0) return true;
    const offsets = m.assignment.map((tp) => ({ ...tp, offset: positions.get(tpName(tp.topic, tp.partition))!.offset }));
    let reply: unknown;
    try {
      reply = await rt.call(o.coordinator, "commit-offsets", { group: o.group, memberId: m.memberId, generation: m.generation, offsets }, { timeout: o.requestTimeout });
    } catch {
      return false;
    }
    if (isMqError(reply)) {
      if (reply.error === "UNKNOWN_MEMBER_ID") member = null;
      rejoin = true;
      return false;
    }
    for (const off of offsets) rt.record(MQ_EVENTS.commitOffset, { group: o.group, topic: off.topic, partition: off.partition, offset: off.offset, generation: m.generation });
    return true;
  };

  const heartbeatLoop = async (token: number) => {
    while (token === heartbeatToken && member) {
      await rt.sleep(o.heartbeatInterval);
      if (token !== heartbeatToken || !member) return;
      try {
        const reply = await rt.call(o.coordinator, "heartbeat", { group: o.group, memberId: member.memberId, generation: member.generation }, { timeout: o.heartbeatInterval });
        if (token !== heartbeatToken) return;
        if (isMqError(reply)) {
          if (reply.error === "UNKNOWN_MEMBER_ID") member = null;
          rejoin = true;
        }
      } catch {
        // A missed heartbeat; the session survives a few of them.
      }
    }
  };

  const join = async (): Promise<void> => {
    heartbeatToken++;
    if (member && rejoin && !commitFirst) await commit(); // onPartitionsRevoked: commit what was processed
    // The partition counts come from the metadata; the group's assignment needs them.
    while (o.topics.some((t) => meta.partitions(t) === undefined)) {
      await meta.refresh();
      if (o.topics.some((t) => meta.partitions(t) === undefined)) await rt.sleep(o.retryBackoff);
    }
    const topics = Object.fromEntries(o.topics.map((t) => [t, meta.partitions(t)!]));
    let reply: unknown;
    try {
      reply = await rt.call(o.coordinator, "join-group", {
        group: o.group, memberId: member?.memberId ?? null, topics, sessionTimeout: o.sessionTimeout, rebalanceTimeout: o.rebalanceTimeout,
      }, { timeout: o.rebalanceTimeout + o.requestTimeout });
    } catch {
      reply = null;
    }
    if (reply === null || isMqError(reply)) {
      member = null;
      await rt.sleep(o.retryBackoff);
      return;
    }
    const joined = reply as JoinResult;
    const fetched = await committedOffsets(joined.assignment);
    if (fetched === null) {
      member = null;
      await rt.sleep(o.retryBackoff);
      return;
    }
    member = joined;
    rejoin = false;
    positions = fetched;
    nextAutoCommit = rt.now() + o.autoCommitInterval;
    rt.record(MQ_EVENTS.groupJoined, { group: o.group, member: joined.memberId, generation: joined.generation, assignment: joined.assignment.map((tp) => tpName(tp.topic, tp.partition)) });
    show();
    void heartbeatLoop(heartbeatToken);
  };

  const committedOffsets = async (assignment: TopicPartition[]): Promise<Map<string, Position> | null> => {
    const out = new Map<string, Position>();
    if (assignment.length === 0) return out;
    let reply: { offsets: Array<TopicPartition & { offset: number }> };
    try {
      reply = await rt.call(o.coordinator, "fetch-offsets", { group: o.group, partitions: assignment }, { timeout: o.requestTimeout });
    } catch {
      return null;
    }
    for (const c of reply.offsets) {
      let offset = c.offset;
      if (offset < 0) offset = o.autoOffsetReset === "earliest" ? 0 : (await latestOffset(rt, o, meta, c)) ?? 0;
      out.set(tpName(c.topic, c.partition), { offset, epoch: -1 });
    }
    return out;
  };

  const poll = async (): Promise<Fetched[]> => {
    const assignment = member!.assignment;
    if (assignment.length === 0) {
      await rt.sleep(o.fetchMaxWait);
      return [];
    }
    const outcomes = await Promise.all(assignment.map(async (tp) => ({ tp, out: await fetchPartition(rt, o, meta, tp, positions.get(tpName(tp.topic, tp.partition))!, o.group) })));
    const batch: Fetched[] = [];
    for (const { tp, out } of outcomes) if ("records" in out) for (const rec of out.records) batch.push({ tp, rec });
    if (batch.length === 0 && outcomes.every(({ out }) => "failed" in out)) await rt.sleep(o.retryBackoff);
    return batch.slice(0, o.maxPollRecords);
  };

  const handle = async (batch: Fetched[]): Promise<void> => {
    const generation = member!.generation;
    const taken: Fetched[] = [];
    for (const f of batch) {
      const pos = positions.get(tpName(f.tp.topic, f.tp.partition))!;
      if (f.rec.offset !== pos.offset) continue; // a stale answer from before a reset
      pos.offset = f.rec.offset + 1;
      pos.epoch = f.rec.epoch;
      taken.push(f);
      rt.metrics.count("mq.consume");
      rt.record(MQ_EVENTS.consume, { id: f.rec.id, key: f.rec.key, topic: f.tp.topic, partition: f.tp.partition, offset: f.rec.offset, group: o.group, generation, pid: f.rec.pid, n: f.rec.n });
    }
    if (commitFirst && !(await commit())) return;
    for (const f of taken) {
      if (o.processingTime > 0) await rt.sleep(o.processingTime);
      processed++;
      rt.metrics.count("mq.process");
      rt.record(MQ_EVENTS.process, { id: f.rec.id, key: f.rec.key, topic: f.tp.topic, partition: f.tp.partition, offset: f.rec.offset, group: o.group });
    }
    if (o.commit === "after-process" && !commitFirst) await commit();
    show();
  };

  const loop = async (): Promise<void> => {
    for (;;) {
      if (!member || rejoin) {
        await join();
        continue;
      }
      if (o.commit === "auto" && rt.now() >= nextAutoCommit) {
        nextAutoCommit = rt.now() + o.autoCommitInterval;
        if (!(await commit())) continue;
      }
      const batch = await poll();
      if (!member || rejoin || batch.length === 0) continue;
      await handle(batch);
    }
  };

  return {
    start() {
      show();
      void loop();
      return resumeNow();
    },
  };
};
