import { mqError } from "../mq-error";
import type { MqErrorReply } from "../mq-error";
import type { BrokerContext } from "./broker-context";
import type { LogRecord } from "./log-record";
import type { EpochEnd } from "./partition-log";
import type { Replica } from "./replica";
import { tpName } from "./topic-layout";

/** Most records one fetch returns (Kafka bounds by bytes; a count is enough here). */
const MAX_RECORDS = 1000;

/** A fetch: from a consumer, or (with `replica`) from a follower. */
export interface FetchRequest {
  topic: string;
  partition: number;
  offset: number;
  /** Epoch of the record before `offset`, for the divergence check; -1 when unknown. */
  lastFetchedEpoch: number;
  maxRecords?: number;
  maxWait: number;
  /** A follower's own address; absent for consumers. */
  replica?: string;
  /** The leader epoch the follower follows. */
  leaderEpoch?: number;
  /** The follower's high watermark, so the leader answers at once when it has a newer one. */
  hw?: number;
}

/** A fetch's answer. `diverging` says where the caller's log parts from the leader's. */
export interface FetchReply {
  records: LogRecord[];
  hw: number;
  leaderEpoch: number;
  diverging?: EpochEnd;
}

/**
 * A partition leader's handling of a fetch. Followers read up to the log end and, by the offset
 * they ask for, tell the leader how far they have come (which moves the ISR and the high
 * watermark); consumers read only below the high watermark: only committed records are
 * consumable. Both are checked for divergence first (KIP-279 for followers, KIP-320 for
 * consumers): if the record before their position belongs to an epoch that ends earlier in
 * the leader's log, they are told where, and truncate or move back. With nothing to return,
 * the leader holds the fetch for up to `maxWait` (a long poll).
 */
export async function handleFetch(ctx: BrokerContext, req: FetchRequest): Promise<FetchReply | MqErrorReply> {
  const r = ctx.replica(req.topic, req.partition);
  const name = tpName(req.topic, req.partition);
  if (!r || r.role !== "leader") return mqError("NOT_LEADER_OR_FOLLOWER", `${ctx.rt.address} does not lead ${name}`);
  const epoch = r.epoch;
  if (req.leaderEpoch !== undefined && req.leaderEpoch !== epoch) {
    return mqError("FENCED_LEADER_EPOCH", `${name}: the fetch is for leader epoch ${req.leaderEpoch}, this leader is in epoch ${epoch}`);
  }
  if (req.offset > 0 && req.lastFetchedEpoch >= 0) {
    const end = r.log.epochEnd(req.lastFetchedEpoch, epoch);
    if (end.epoch !== req.lastFetchedEpoch || end.endOffset < req.offset) return { records: [], hw: r.hw, leaderEpoch: epoch, diverging: end };
  }
  if (req.offset > r.log.leo) return { ...mqError("OFFSET_OUT_OF_RANGE", `${name}: offset ${req.offset} is past the log end ${r.log.leo}`), logEnd: r.log.leo } as MqErrorReply;
  const follower = req.replica;
  if (follower !== undefined) {
    if (r.followerFetched(follower, req.offset)) ctx.proposeIsr(r, [...r.isr, follower]);
    ctx.show(r);
  }
  const limit = () => (follower !== undefined ? r.log.leo : r.hw);
  const idle = follower !== undefined ? !hasNews(r, req.offset, req.hw ?? 0) : req.offset >= r.hw;
  if (idle) {
    await r.changed.wait(req.maxWait);
    if (r.role !== "leader" || r.epoch !== epoch) return mqError("NOT_LEADER_OR_FOLLOWER", `${ctx.rt.address} lost the leadership of ${name}`);
  }
  const records = r.log.read(req.offset, limit(), Math.min(MAX_RECORDS, req.maxRecords ?? MAX_RECORDS));
  return { records, hw: r.hw, leaderEpoch: epoch };
}

/** Whether a leader should answer a follower's fetch at once: it has records, or news of the high watermark. */
export function hasNews(r: Replica, offset: number, followerHw: number): boolean {
  return offset < r.log.leo || followerHw < r.hw;
}
