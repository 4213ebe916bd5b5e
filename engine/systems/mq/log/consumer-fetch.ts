import type { Runtime } from "../../../node/runtime-api";
import { MQ_EVENTS } from "../mq-events";
import { isMqError } from "../mq-error";
import type { ConsumerOptions } from "./consumer-options";
import type { FetchReply } from "./fetch-handler";
import type { LogRecord } from "./log-record";
import type { MetadataClient } from "./metadata-client";
import type { TopicPartition } from "./range-assignor";

/** A consumer's position in one partition: the next offset, and the epoch of the record before it. */
export interface Position {
  offset: number;
  epoch: number;
}

/** What one fetch gave: records, nothing, or an error worth a pause. */
export type FetchOutcome = { records: LogRecord[] } | { failed: true };

/**
 * Fetches one partition for a consumer from its leader at `pos`. Besides records, the answer
 * may say the position is past the leader's log: a divergence (the records before it were cut
 * off by a leader change, KIP-320), after which the position moves back to where the logs
 * agree, or an offset out of range, after which `auto.offset.reset` applies. Errors that mean
 * the leader moved refresh the metadata.
 */
export async function fetchPartition(rt: Runtime, o: ConsumerOptions, meta: MetadataClient, tp: TopicPartition, pos: Position, group: string): Promise<FetchOutcome> {
  const leader = meta.leader(tp.topic, tp.partition);
  if (leader === null) {
    await meta.refresh();
    return { failed: true };
  }
  let reply: unknown;
  try {
    reply = await rt.call(leader, "fetch", {
      topic: tp.topic, partition: tp.partition, offset: pos.offset, lastFetchedEpoch: pos.epoch,
      maxRecords: o.maxPollRecords, maxWait: o.fetchMaxWait,
    }, { timeout: o.fetchMaxWait + o.requestTimeout });
  } catch {
    void meta.refresh();
    return { failed: true };
  }
  if (isMqError(reply)) {
    if (reply.error === "OFFSET_OUT_OF_RANGE") {
      const logEnd = (reply as { logEnd?: number }).logEnd ?? 0;
      const to = o.autoOffsetReset === "earliest" ? 0 : logEnd;
      rt.record(MQ_EVENTS.truncationDetected, { group, topic: tp.topic, partition: tp.partition, from: pos.offset, to, reason: "offset out of range" });
      pos.offset = to;
      pos.epoch = -1;
    } else {
      void meta.refresh();
    }
    return { failed: true };
  }
  const f = reply as FetchReply;
  if (f.diverging) {
    const to = Math.min(pos.offset, f.diverging.endOffset);
    rt.record(MQ_EVENTS.truncationDetected, { group, topic: tp.topic, partition: tp.partition, from: pos.offset, to, reason: "diverging epoch" });
    pos.offset = to;
    pos.epoch = f.diverging.epoch;
    return { records: [] };
  }
  return { records: f.records };
}

/** Asks a partition's leader for its high watermark (for `auto.offset.reset: latest`). */
export async function latestOffset(rt: Runtime, o: ConsumerOptions, meta: MetadataClient, tp: TopicPartition): Promise<number | null> {
  const leader = meta.leader(tp.topic, tp.partition);
  if (leader === null) return null;
  try {
    const reply = await rt.call<{ hw?: number }>(leader, "list-offsets", tp, { timeout: o.requestTimeout });
    return typeof reply?.hw === "number" ? reply.hw : null;
  } catch {
    return null;
  }
}
