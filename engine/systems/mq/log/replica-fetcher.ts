import { SECOND } from "../../../core/time";
import { MQ_EVENTS } from "../mq-events";
import { isMqError } from "../mq-error";
import type { BrokerContext } from "./broker-context";
import { durable } from "./broker-context";
import type { FetchReply } from "./fetch-handler";
import type { Replica } from "./replica";

/**
 * A follower's fetch loop (Kafka's ReplicaFetcherThread, one per partition here). It runs while
 * the replica follows the same leader in the same epoch, and stops as soon as its token is
 * stale. Each fetch says how far this replica has come; the answer brings new records, which
 * are appended (and synced per the flush policy before the next fetch reports them), or a
 * divergence, on which the log is cut back to where it agrees with the leader's: records the
 * leader never had, including acknowledged ones of an earlier epoch, are gone. A failed fetch
 * waits `replicaFetchBackoff`.
 */
export async function runFetcher(ctx: BrokerContext, r: Replica): Promise<void> {
  const token = r.fetchToken;
  const leader = r.leader;
  const epoch = r.epoch;
  if (leader === null) return;
  const { rt, o } = ctx;
  const current = () => r.fetchToken === token;
  while (current()) {
    let reply: unknown;
    try {
      reply = await rt.call(leader, "replica-fetch", {
        topic: r.topic, partition: r.partition, offset: r.log.leo, lastFetchedEpoch: r.log.lastEpoch,
        maxWait: o.replicaFetchWaitMax, replica: rt.address, leaderEpoch: epoch, hw: r.hw,
      }, { timeout: o.replicaFetchWaitMax + SECOND });
    } catch {
      reply = null;
    }
    if (!current()) return;
    if (reply === null || isMqError(reply)) {
      await rt.sleep(o.replicaFetchBackoff);
      continue;
    }
    const f = reply as FetchReply;
    if (f.diverging) {
      const to = Math.min(f.diverging.endOffset, r.log.ownEpochEnd(f.diverging.epoch));
      const from = r.log.leo;
      const removed = r.log.truncate(to);
      r.hw = Math.min(r.hw, r.log.leo);
      if (removed.length > 0) {
        rt.record(MQ_EVENTS.truncate, { topic: r.topic, partition: r.partition, from, to, ids: removed.map((x) => x.id), leader });
      }
      ctx.show(r);
      continue;
    }
    for (const rec of f.records) r.log.appendReplica(rec);
    if (f.records.length > 0) {
      ctx.show(r);
      await durable(ctx, f.records.length);
      if (!current()) return;
    }
    r.followerHw(f.hw);
  }
}
