import { MS } from "../../../core/time";
import { mqError } from "../mq-error";
import type { MqErrorReply } from "../mq-error";
import type { BrokerContext } from "./broker-context";
import { durable } from "./broker-context";
import type { NewRecord } from "./log-record";
import type { Replica } from "./replica";
import { tpName } from "./topic-layout";

/** The `acks` setting of a Kafka producer: 0 (no answer), 1 (the leader has it), all (the ISR has it). */
export type Acks = 0 | 1 | "all";

/** A produce request: one record for one partition. */
export interface ProduceRequest {
  topic: string;
  partition: number;
  acks: Acks;
  record: NewRecord;
  /** How long the leader may wait for the ISR (the producer's request timeout). */
  timeout: number;
}

/** A successful produce answer. */
export interface ProduceReply {
  offset: number;
  /** True when an idempotent retry found the record already in the log. */
  duplicate?: boolean;
}

/**
 * A partition leader's handling of a produce request, as Kafka does it: refuse when this broker
 * does not lead; with acks=all refuse up front when the ISR is smaller than min.insync.replicas
 * (NOT_ENOUGH_REPLICAS); deduplicate an idempotent producer's retry; append; wait for the fsync
 * the flush policy requires; answer at once for acks=1, or, for acks=all, once the high
 * watermark has passed the record, failing with NOT_ENOUGH_REPLICAS_AFTER_APPEND if the ISR
 * shrank below the minimum meanwhile.
 */
export async function handleProduce(ctx: BrokerContext, req: ProduceRequest): Promise<ProduceReply | (MqErrorReply & { unknownProducer?: boolean })> {
  const r = ctx.replica(req.topic, req.partition);
  const name = tpName(req.topic, req.partition);
  if (!r || r.role !== "leader") return mqError("NOT_LEADER_OR_FOLLOWER", `${ctx.rt.address} does not lead ${name}`);
  const epoch = r.epoch;
  const minIsr = r.state!.minIsr;
  if (req.acks === "all" && r.isr.length < minIsr) {
    return mqError("NOT_ENOUGH_REPLICAS", `${name} has ${r.isr.length} in-sync replica(s) [${r.isr.join(", ")}], min.insync.replicas is ${minIsr}`);
  }
  let offset: number;
  let duplicate = false;
  const rec = req.record;
  const seq = rec.seq >= 0 ? r.log.producers.check(rec.pid, rec.seq) : { kind: "new" as const };
  if (seq.kind === "out-of-order") {
    return { ...mqError("OUT_OF_ORDER_SEQUENCE_NUMBER", `${name}: producer ${rec.pid} sent sequence ${rec.seq}, expected ${seq.expected}`), unknownProducer: seq.unknown };
  }
  if (seq.kind === "duplicate") {
    offset = seq.offset;
    duplicate = true;
  } else {
    offset = r.log.append(rec, epoch).offset;
    r.advanceHw();
    r.changed.notify();
    ctx.show(r);
    await durable(ctx, 1);
  }
  if (req.acks !== "all") return duplicate ? { offset, duplicate } : { offset };
  return awaitCommit(ctx, r, epoch, offset, duplicate, req.timeout);
}

/** Waits until the high watermark passes `offset`, the leadership ends, or the timeout. */
async function awaitCommit(ctx: BrokerContext, r: Replica, epoch: number, offset: number, duplicate: boolean, timeout: number): Promise<ProduceReply | MqErrorReply> {
  const name = tpName(r.topic, r.partition);
  const deadline = ctx.rt.now() + Math.max(MS, timeout);
  for (;;) {
    if (r.role !== "leader" || r.epoch !== epoch) return mqError("NOT_LEADER_OR_FOLLOWER", `${ctx.rt.address} lost the leadership of ${name} before offset ${offset} committed`);
    // An unknown offset (a duplicate older than the remembered window) was committed long ago.
    if (r.hw > offset || offset < 0) {
      const minIsr = r.state!.minIsr;
      if (r.isr.length < minIsr) return mqError("NOT_ENOUGH_REPLICAS_AFTER_APPEND", `${name}: offset ${offset} committed with ${r.isr.length} in-sync replica(s), min.insync.replicas is ${minIsr}`);
      return duplicate ? { offset, duplicate } : { offset };
    }
    const left = deadline - ctx.rt.now();
    if (left <= 0) return mqError("REQUEST_TIMED_OUT", `${name}: offset ${offset} not replicated to the ISR [${r.isr.join(", ")}] in time`);
    await r.changed.wait(left);
  }
}
