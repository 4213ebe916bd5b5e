import type { CheckerFactory, CheckOutcome, HistoryEntry } from "../../../check/checker";
import { formatMicros } from "../../../core/time";
import { stringList } from "../config-values";
import type { AckedMessage, MqHistory } from "./mq-history";
import { latestHandled, partitionKey, readMqHistory, seqs, settleWindow } from "./mq-history";

type Violation = CheckOutcome["violations"][number];

/** Most violations one run reports. */
const MAX_VIOLATIONS = 20;

/**
 * No acknowledged message is lost by the brokers. A message counts as acknowledged when a
 * `produce-ack` says so at one of the promised levels (`params.acks`, default every level: "1",
 * "all", "confirm"). It is lost when:
 * - a consumer later read a different record at its partition and offset: the log dropped it
 *   and reused the offset (a truncation after a leader change, a crash that lost unsynced
 *   records), even if some consumer had read it before; or
 * - a consumer read its partition at or past its offset, after it was acknowledged, and it was
 *   never delivered; or
 * - (queues) consumers received messages of its queue acknowledged after it, at least
 *   `params.settle` (default 5 s) before the end, and it was never delivered, dead-lettered,
 *   discarded or scheduled for a retry: queues hand messages out in order, and the settle window
 *   leaves room for requeues and messages on their way.
 * Acknowledged messages without such evidence at the end (a backlog, an offline partition) are
 * reported as a finding, not as lost.
 *
 * This checks the brokers' promise only: a message a consumer received and then failed to
 * process is `all-accounted`'s business.
 */
export const noAckedLoss: CheckerFactory = (params) => {
  const promised = new Set(params.acks === undefined ? ["1", "all", "confirm"] : stringList(params.acks, "no-acked-loss.params.acks").map(String));
  return {
    name: "no-acked-loss",
    description: "No message the brokers acknowledged is lost: every one reaches a consumer (or a dead-letter queue).",
    check(ctx) {
      const h = readMqHistory(ctx.history);
      const { settle } = settleWindow(ctx, "no-acked-loss");
      const atOffset = indexByOffset(h);
      const delivered = latestHandled(h, [...h.consumed.values()].flat(), ctx.endedAt - settle, false);
      const violations: Violation[] = [];
      let unresolved = 0;
      for (const a of h.acked) {
        if (!promised.has(a.acks)) continue;
        const other = a.offset !== undefined && a.offset >= 0 ? atOffset.get(`${partitionKey(a.topic!, a.partition!)}@${a.offset}`)?.find((c) => c.fields.id !== a.id && c.t > a.entry.t) : undefined;
        if (other) {
          violations.push(overwritten(h, a, other));
          if (violations.length >= MAX_VIOLATIONS) break;
          continue;
        }
        if (h.consumed.has(a.id) || h.settled.has(a.id) || h.retrying.has(a.id)) continue;
        const past = readPast(h, a);
        const position = h.ackOrder.get(a.id)!;
        const passedOver = a.topic === undefined && a.queues.some((q) => (delivered.get(`*|${q}`) ?? -1) > position);
        if (past) violations.push(lostPast(h, a, past));
        else if (passedOver) violations.push(never(h, a, settle));
        else unresolved++;
        if (violations.length >= MAX_VIOLATIONS) break;
      }
      const findings = unresolved > 0
        ? [{ message: `${unresolved} acknowledged message(s) not delivered when the run ended, with nothing later delivered in their place: still queued, or lost too late to tell`, value: unresolved }]
        : [];
      return { violations, findings };
    },
  };
};

/** Deliveries by `topic-partition@offset`. */
function indexByOffset(h: MqHistory): Map<string, HistoryEntry[]> {
  const out = new Map<string, HistoryEntry[]>();
  for (const [tp, list] of h.consumedByPartition) {
    for (const c of list) {
      const k = `${tp}@${String(c.fields.offset)}`;
      const l = out.get(k);
      if (l) l.push(c);
      else out.set(k, [c]);
    }
  }
  return out;
}

function overwritten(h: MqHistory, a: AckedMessage, other: HistoryEntry): Violation {
  const where = partitionKey(a.topic!, a.partition!);
  const cut = h.truncated.get(a.id);
  const because = cut ? `; ${cut.address} truncated it at ${formatMicros(cut.t)} when it followed ${String(cut.fields.leader)}` : "";
  const shown = [a.entry, other, ...(cut ? [cut] : [])].sort((x, y) => x.index - y.index);
  return {
    message: `${a.id} was acknowledged (acks=${a.acks}) at ${where} offset ${a.offset} at ${formatMicros(a.entry.t)}, but ${other.address} later read ${String(other.fields.id)} at that offset (${formatMicros(other.t)}): the log lost it and reused the offset${because}`,
    t: other.t,
    nodes: [...new Set(shown.map((e) => e.node))].sort(),
    history: shown.map((e) => e.index),
    events: seqs(shown),
  };
}

/** The first delivery from the message's partition at or past its offset after it was acknowledged, if any. */
function readPast(h: MqHistory, a: AckedMessage): HistoryEntry | undefined {
  if (a.topic === undefined || a.partition === undefined || a.offset === undefined || a.offset < 0) return undefined;
  // Only reads after the acknowledgement count: before it, the offset may have held a record of
  // an older leader epoch that has since been truncated away.
  return h.consumedByPartition.get(partitionKey(a.topic, a.partition))?.find((c) => c.t > a.entry.t && (c.fields.offset as number) >= a.offset!);
}

function lostPast(h: MqHistory, a: AckedMessage, past: HistoryEntry): Violation {
  const where = partitionKey(a.topic!, a.partition!);
  const cut = h.truncated.get(a.id);
  const because = cut ? `; ${cut.address} truncated it at ${formatMicros(cut.t)} when it followed ${String(cut.fields.leader)}` : "";
  const shown = [a.entry, past, ...(cut ? [cut] : [])].sort((x, y) => x.index - y.index);
  return {
    message: `${a.id} was acknowledged (acks=${a.acks}) at ${where} offset ${a.offset} at ${formatMicros(a.entry.t)}, but ${past.address} read ${where} at offset ${String(past.fields.offset)} (${String(past.fields.id)}) at ${formatMicros(past.t)} and the message was never delivered${because}`,
    t: past.t,
    nodes: [...new Set(shown.map((e) => e.node))].sort(),
    history: shown.map((e) => e.index),
    events: seqs(shown),
  };
}

function never(h: MqHistory, a: AckedMessage, settle: number): Violation {
  const cut = h.truncated.get(a.id);
  const shown = [a.entry, ...(cut ? [cut] : [])];
  return {
    message: `${a.id} was acknowledged (acks=${a.acks}, queue ${a.queues.join(", ")}) at ${formatMicros(a.entry.t)} and never delivered, though consumers received messages of its queue acknowledged after it, more than ${formatMicros(settle)} before the end`,
    t: a.entry.t,
    nodes: [...new Set(shown.map((e) => e.node))].sort(),
    history: shown.map((e) => e.index),
    events: seqs(shown),
  };
}
