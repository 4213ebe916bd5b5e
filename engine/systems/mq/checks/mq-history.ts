import type { CheckContext, HistoryEntry } from "../../../check/checker";
import type { Micros } from "../../../core/time";
import { MQ_EVENTS } from "../mq-events";
import { durationValue } from "../config-values";

/** An acknowledged message: where it went and what the broker said. */
export interface AckedMessage {
  id: string;
  entry: HistoryEntry;
  /** Kafka: the topic, partition and offset of the acknowledgement. */
  topic?: string;
  partition?: number;
  offset?: number;
  /** RabbitMQ: the queues the message was routed to. */
  queues: string[];
  /** The acknowledgement level: `1`, `all`, or `confirm`. */
  acks: string;
}

/**
 * The message queue history, indexed for the checkers: acknowledged messages, deliveries,
 * processing per consumer group, dead letters and discards, and each group's last committed
 * offset per partition.
 */
export interface MqHistory {
  acked: AckedMessage[];
  /** Deliveries by message id. */
  consumed: Map<string, HistoryEntry[]>;
  /** Deliveries by `topic-partition`, in history order. */
  consumedByPartition: Map<string, HistoryEntry[]>;
  /** Processing by group, then message id. */
  processed: Map<string, Map<string, HistoryEntry[]>>;
  /** Messages a broker dead-lettered or dropped on purpose, by id. */
  settled: Map<string, HistoryEntry>;
  /** Last successful commit per `group|topic|partition`. */
  commits: Map<string, HistoryEntry>;
  /** Consumer groups by the source they read (a topic or a queue). */
  groupsBySource: Map<string, Set<string>>;
  /** Truncations by message id: which replica cut which acknowledged record. */
  truncated: Map<string, HistoryEntry>;
  /** Messages waiting out a RocketMQ retry delay, by id: the last schedule. */
  retrying: Map<string, HistoryEntry>;
  /** Position of each acknowledged message in acknowledgement order, by id. */
  ackOrder: Map<string, number>;
}

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === "number" ? v : undefined);

/** `topic-partition`, as the checkers key partitions. */
export function partitionKey(topic: string, partition: number): string {
  return `${topic}-${partition}`;
}

/** Indexes the history once for a checker. */
export function readMqHistory(history: readonly HistoryEntry[]): MqHistory {
  const h: MqHistory = {
    acked: [], consumed: new Map(), consumedByPartition: new Map(), processed: new Map(),
    settled: new Map(), commits: new Map(), groupsBySource: new Map(), truncated: new Map(), retrying: new Map(), ackOrder: new Map(),
  };
  const push = <K, V>(m: Map<K, V[]>, k: K, v: V) => {
    const list = m.get(k);
    if (list) list.push(v);
    else m.set(k, [v]);
  };
  const source = (e: HistoryEntry, group: string) => {
    const s = str(e.fields.topic) ?? str(e.fields.queue);
    if (s === undefined) return;
    let set = h.groupsBySource.get(s);
    if (!set) h.groupsBySource.set(s, (set = new Set()));
    set.add(group);
  };
  for (const e of history) {
    const f = e.fields;
    const id = str(f.id);
    switch (e.event) {
      case MQ_EVENTS.produceAck:
        if (id !== undefined) {
          h.ackOrder.set(id, h.acked.length);
          h.acked.push({
            id, entry: e, topic: str(f.topic), partition: num(f.partition), offset: num(f.offset),
            queues: Array.isArray(f.queues) ? f.queues.filter((q): q is string => typeof q === "string") : [], acks: String(f.acks ?? "1"),
          });
        }
        break;
      case MQ_EVENTS.consume: {
        if (id === undefined) break;
        push(h.consumed, id, e);
        const topic = str(f.topic);
        const partition = num(f.partition);
        if (topic !== undefined && partition !== undefined) push(h.consumedByPartition, partitionKey(topic, partition), e);
        source(e, String(f.group ?? e.address));
        break;
      }
      case MQ_EVENTS.process: {
        if (id === undefined) break;
        const group = String(f.group ?? e.address);
        let byId = h.processed.get(group);
        if (!byId) h.processed.set(group, (byId = new Map()));
        push(byId, id, e);
        source(e, group);
        break;
      }
      case MQ_EVENTS.deadLetter:
      case MQ_EVENTS.discard:
        if (id !== undefined && !h.settled.has(id)) h.settled.set(id, e);
        break;
      case MQ_EVENTS.commitOffset:
        h.commits.set(`${String(f.group)}|${String(f.topic)}|${String(f.partition)}`, e);
        break;
      case MQ_EVENTS.retryScheduled:
        if (id !== undefined) h.retrying.set(id, e);
        break;
      case MQ_EVENTS.truncate:
        if (Array.isArray(f.ids)) for (const x of f.ids) if (typeof x === "string" && !h.truncated.has(x)) h.truncated.set(x, e);
        break;
    }
  }
  return h;
}

/**
 * For queues: per key (`<group>|<queue>`, or `*|<queue>` for any group), the latest position in
 * acknowledgement order among the messages of `entries` handled at or before `until`. A message
 * acknowledged before that position, and never handled, was passed over: queues hand messages
 * out in order, apart from requeues, which the settle window allows for.
 */
export function latestHandled(h: MqHistory, entries: Iterable<HistoryEntry>, until: number, byGroup: boolean): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of entries) {
    if (e.t > until || typeof e.fields.queue !== "string") continue;
    const pos = h.ackOrder.get(String(e.fields.id));
    if (pos === undefined) continue;
    const k = `${byGroup ? String(e.fields.group ?? e.address) : "*"}|${e.fields.queue}`;
    if ((out.get(k) ?? -1) < pos) out.set(k, pos);
  }
  return out;
}

/**
 * The settle window of a checker (`params.settle`, default 5 s): evidence older than the end
 * minus this counts, so that requeues and messages on their way have time to land.
 */
export function settleWindow(ctx: CheckContext, name: string): { settle: Micros } {
  return { settle: durationValue(ctx.params.settle, `${name}.params.settle`, 5_000_000) };
}

/** The trace sequence numbers of history entries, where the trace was recorded. */
export function seqs(entries: readonly HistoryEntry[]): number[] {
  return entries.map((e) => e.seq).filter((s) => s >= 0);
}
