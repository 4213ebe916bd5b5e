import type { CheckerFactory, CheckOutcome, HistoryEntry } from "../../../check/checker";
import { formatMicros } from "../../../core/time";
import { MQ_EVENTS } from "../mq-events";
import { seqs } from "./mq-history";

type Violation = CheckOutcome["violations"][number];

/** Most violations one run reports. */
const MAX_VIOLATIONS = 20;

/** What a reading session last saw of one producer's key. */
interface Last {
  n: number;
  offset: number;
  entry: HistoryEntry;
}

/**
 * Order per partition, and per key as produced. It follows each reading session (one consumer,
 * one group generation, one partition) through its deliveries:
 * - a partition is read in offset order: the next offset is the one after, or an earlier one
 *   (a rewind to a committed offset or after a truncation, which is allowed); never a skip
 *   forward, unless the consumer recorded a reset (`truncation-detected`);
 * - one producer's messages with one key appear in the log in the order the producer created
 *   them: reading forward, a message created earlier must not come at a higher offset than one
 *   created later. Retries with several requests in flight and no idempotence break this, as
 *   Kafka documents; the idempotent producer keeps it.
 * Deliveries without a partition (queues) are not judged.
 */
export const partitionOrder: CheckerFactory = () => ({
  name: "partition-order",
  description: "Each partition is read in offset order, and each producer's messages of one key sit in the log in the order it created them.",
  check(ctx) {
    const violations: Violation[] = [];
    const sessions = new Map<string, { prev: HistoryEntry | null; keys: Map<string, Last> }>();
    for (const e of ctx.history) {
      const f = e.fields;
      const sessionKey = `${e.address}|${String(f.group)}|${String(f.generation)}|${String(f.topic)}-${String(f.partition)}`;
      if (e.event === MQ_EVENTS.truncationDetected) {
        for (const [k, s] of sessions) if (k.startsWith(`${e.address}|`) && k.endsWith(`|${String(f.topic)}-${String(f.partition)}`)) s.prev = null;
        continue;
      }
      if (e.event !== MQ_EVENTS.consume || typeof f.partition !== "number" || typeof f.offset !== "number") continue;
      let s = sessions.get(sessionKey);
      if (!s) sessions.set(sessionKey, (s = { prev: null, keys: new Map() }));
      const offset = f.offset;
      if (s.prev !== null) {
        const before = s.prev.fields.offset as number;
        if (offset <= before) s.keys.clear(); // a rewind: reading starts over from there
        else if (offset > before + 1) violations.push(skip(s.prev, e));
      }
      s.prev = e;
      if (typeof f.key === "string" && typeof f.n === "number" && typeof f.id === "string") {
        const producer = f.id.slice(0, f.id.lastIndexOf(":"));
        const k = `${producer}|${f.key}`;
        const last = s.keys.get(k);
        if (last && f.n < last.n && offset > last.offset) violations.push(reordered(last.entry, e));
        if (!last || f.n > last.n || offset <= last.offset) s.keys.set(k, { n: f.n, offset, entry: e });
      }
      if (violations.length >= MAX_VIOLATIONS) break;
    }
    return { violations: violations.slice(0, MAX_VIOLATIONS) };
  },
});

function skip(prev: HistoryEntry, e: HistoryEntry): Violation {
  const tp = `${String(e.fields.topic)}-${String(e.fields.partition)}`;
  return {
    message: `${e.address} read ${tp} at offset ${String(prev.fields.offset)} and then at ${String(e.fields.offset)} (${formatMicros(e.t)}), skipping the offsets between`,
    t: e.t, nodes: [e.node], history: [prev.index, e.index], events: seqs([prev, e]),
  };
}

function reordered(first: HistoryEntry, e: HistoryEntry): Violation {
  const tp = `${String(e.fields.topic)}-${String(e.fields.partition)}`;
  return {
    message: `key ${String(e.fields.key)}: ${String(e.fields.id)} was created before ${String(first.fields.id)} but sits after it in ${tp} (offset ${String(e.fields.offset)} > ${String(first.fields.offset)}), read by ${e.address} at ${formatMicros(e.t)}`,
    t: e.t, nodes: [e.node], history: [first.index, e.index], events: seqs([first, e]),
  };
}
