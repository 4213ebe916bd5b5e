import { CallError } from "../../../node/runtime-api";
import type { ProcessFactory } from "../../../node/runtime-api";
import { resumeNow } from "../resume-now";
import { MQ_EVENTS } from "../mq-events";
import { RETRIABLE, isMqError, mqError } from "../mq-error";
import type { MqErrorReply } from "../mq-error";
import { keyOf, runArrivals } from "../workload";
import { MetadataClient } from "./metadata-client";
import { partitionForKey } from "./partitioner";
import { producerOptions } from "./producer-options";
import type { ProduceReply } from "./produce-handler";
import { PartitionChannel } from "./partition-channel";
import type { PendingRecord } from "./producer-sequences";

/** What the producer publishes for the visualizer. */
interface ProducerView {
  created: number;
  acked: number;
  failed: number;
  inFlight: number;
}

/**
 * A Kafka-like producer with a workload. Each message gets a run-unique id
 * (`<address>#<incarnation>:<n>`), a key taken in turn, and a partition from Kafka's murmur2 of
 * the key (round robin without keys). Up to `maxInFlight` requests per partition are in flight;
 * retriable errors are retried after `retryBackoff` until `retries` or the delivery timeout
 * runs out, so without idempotence a retry can reorder or duplicate messages. With idempotence,
 * the sequence numbers let the leader drop duplicates and refuse gaps. acks=0 sends and forgets.
 * History: `produce`, `produce-ack` (with the offset), `produce-retry`, `produce-error`.
 */
export const kafkaProducer: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  const o = producerOptions(config, `${rt.address} config`);
  const meta = new MetadataClient(rt, o.controller, o.requestTimeout);
  const basePid = `${rt.address}#${rt.incarnation}`;
  const channels = new Map<number, PartitionChannel>();
  let roundRobin = 0;
  const view: ProducerView = { created: 0, acked: 0, failed: 0, inFlight: 0 };

  const show = () => rt.publish<ProducerView>((v) => Object.assign(v, view));

  const channelOf = (p: number) => {
    let c = channels.get(p);
    if (!c) {
      c = new PartitionChannel(basePid, o.maxInFlight);
      channels.set(p, c);
    }
    return c;
  };

  const send = async (n: number) => {
    if (meta.partitions(o.topic) === undefined) await meta.refresh();
    const partitions = meta.partitions(o.topic);
    const id = `${basePid}:${n}`;
    const key = keyOf(o, n);
    if (partitions === undefined) {
      rt.record(MQ_EVENTS.produce, { id, key, topic: o.topic, n, acks: String(o.acks) });
      rt.record(MQ_EVENTS.produceError, { id, key, topic: o.topic, error: "UNKNOWN_TOPIC_OR_PARTITION" });
      return;
    }
    const partition = key === null ? roundRobin++ % partitions : partitionForKey(key, partitions);
    const channel = channelOf(partition);
    const seqs = channel.seqs;
    const pending: PendingRecord = o.enableIdempotence ? seqs.add(id) : { id, pid: basePid, seq: -1 };
    view.created++;
    const created = rt.now();
    rt.metrics.count("mq.produce");
    rt.record(MQ_EVENTS.produce, { id, key, topic: o.topic, partition, n, acks: String(o.acks) });
    if (o.acks === 0) {
      const leader = meta.leader(o.topic, partition);
      if (leader) rt.send(leader, "produce", { topic: o.topic, partition, acks: 0, record: { id, key, pid: pending.pid, seq: -1, n }, timeout: o.requestTimeout });
      else void meta.refresh();
      show();
      return;
    }
    const deadline = rt.now() + o.deliveryTimeout;
    let attempts = 0;
    for (;;) {
      await channel.acquire();
      view.inFlight++;
      const sent = { pid: pending.pid, seq: pending.seq };
      const reply = await produceOnce(partition, { id, key, pid: sent.pid, seq: sent.seq, n });
      view.inFlight--;
      channel.release();
      if (!isMqError(reply)) {
        if (o.enableIdempotence) seqs.done(pending);
        view.acked++;
        rt.metrics.count("mq.produce.acked");
        rt.metrics.observe("mq.produce.latency", rt.now() - created);
        rt.record(MQ_EVENTS.produceAck, { id, key, topic: o.topic, partition, offset: reply.offset, acks: String(o.acks), ...(reply.duplicate ? { duplicate: true } : {}) });
        show();
        return;
      }
      const error = reply.error;
      if (o.enableIdempotence && error === "OUT_OF_ORDER_SEQUENCE_NUMBER") {
        // Renumbered while in flight: the refusal was for the old numbering, so just resend.
        if (sent.pid !== pending.pid || sent.seq !== pending.seq) continue;
        if (!seqs.isOldest(pending)) {
          // An earlier record is still on its way: wait for it rather than spend an attempt.
          await seqs.untilOldest(pending);
          continue;
        }
        // The oldest record is refused: every earlier one was acknowledged, so the leader lost
        // some of them (a truncation, a crash before fsync). The past cannot be mended; as
        // Kafka's producer bumps its epoch, start a new numbering and carry on.
        channel.wantReset();
        continue;
      }
      attempts++;
      if (!RETRIABLE.has(error) || attempts > o.retries || rt.now() + o.retryBackoff >= deadline) {
        if (o.enableIdempotence) {
          seqs.done(pending);
          channel.wantReset(); // later records could never be accepted in order after this gap
        }
        view.failed++;
        rt.metrics.count("mq.produce.error");
        rt.record(MQ_EVENTS.produceError, { id, key, topic: o.topic, partition, error, attempts });
        show();
        return;
      }
      rt.record(MQ_EVENTS.produceRetry, { id, partition, error, attempt: attempts });
      if (error !== "NOT_ENOUGH_REPLICAS" && error !== "NOT_ENOUGH_REPLICAS_AFTER_APPEND" && error !== "OUT_OF_ORDER_SEQUENCE_NUMBER") void meta.refresh();
      await rt.sleep(o.retryBackoff);
    }
  };

  const produceOnce = async (partition: number, record: { id: string; key: string | null; pid: string; seq: number; n: number }): Promise<ProduceReply | MqErrorReply> => {
    const leader = meta.leader(o.topic, partition);
    if (leader === null) {
      await meta.refresh();
      return mqError("LEADER_NOT_AVAILABLE", `no leader for ${o.topic}-${partition}`);
    }
    try {
      return await rt.call<ProduceReply>(leader, "produce", { topic: o.topic, partition, acks: o.acks, record, timeout: o.requestTimeout }, { timeout: o.requestTimeout });
    } catch (e) {
      const code = e instanceof CallError && e.code === "timeout" ? "REQUEST_TIMED_OUT" : "NOT_LEADER_OR_FOLLOWER";
      return mqError(code, e instanceof Error ? e.message : String(e));
    }
  };

  return {
    start() {
      show();
      void meta.refresh();
      runArrivals(rt, o, (n) => void send(n));
      return resumeNow();
    },
  };
};
