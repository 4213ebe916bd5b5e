import type { CheckerFactory, CheckOutcome, HistoryEntry } from "../../../check/checker";
import { formatMicros } from "../../../core/time";
import { stringList } from "../config-values";
import type { AckedMessage, MqHistory } from "./mq-history";
import { latestHandled, partitionKey, readMqHistory, seqs, settleWindow } from "./mq-history";

type Violation = CheckOutcome["violations"][number];

/** Most violations one run reports. */
const MAX_VIOLATIONS = 20;

/**
 * Every acknowledged message is accounted for, end to end, by every consumer group that reads
 * its topic or queue (`params.groups` to name them; default every group seen): the group
 * processed it, or a broker dead-lettered or discarded it on purpose, or it is still queued. It
 * is unaccounted for, for a group, when:
 * - (Kafka) the group, after receiving it, committed an offset past it and never processed it
 *   (at-most-once: it was committed, then the consumer crashed before processing), or processed
 *   a later offset of its partition after it was acknowledged (the log lost it, or the group
 *   skipped it), at least `params.settle` (default 5 s) before the end;
 * - (queues) the group processed messages of its queue acknowledged after it, at least
 *   `params.settle` before the end, while it was neither processed, nor delivered
 *   to the group within that window (still going round), nor waiting for a retry: a queue
 *   hands messages out in order, so it was lost on the way (autoAck and a crash, say).
 * Messages with no such evidence at the end (a backlog) are a finding, not a failure.
 */
export const allAccounted: CheckerFactory = (params) => {
  const only = params.groups === undefined ? null : new Set(stringList(params.groups, "all-accounted.params.groups"));
  return {
    name: "all-accounted",
    description: "Every acknowledged message is processed, dead-lettered, or still queued at the end, for every group that reads it.",
    check(ctx) {
      const h = readMqHistory(ctx.history);
      const { settle } = settleWindow(ctx, "all-accounted");
      const until = ctx.endedAt - settle;
      const processedAll = [...h.processed.values()].flatMap((byId) => [...byId.values()].flat());
      const passed = latestHandled(h, processedAll, until, true);
      const violations: Violation[] = [];
      let waiting = 0;
      let unread = 0;
      for (const a of h.acked) {
        if (h.settled.has(a.id)) continue;
        const groups = groupsOf(h, a, only);
        if (groups.length === 0) unread++;
        for (const g of groups) {
          if (h.processed.get(g)?.has(a.id)) continue;
          const commit = committedPast(h, a, g, until);
          const later = commit ? undefined : processedLater(h, a, g, until);
          const position = h.ackOrder.get(a.id)!;
          const recent = (h.consumed.get(a.id) ?? []).some((c) => c.fields.group === g && c.t > until);
          const passedOver = a.topic === undefined && !recent && !h.retrying.has(a.id) && a.queues.some((q) => (passed.get(`${g}|${q}`) ?? -1) > position);
          if (commit) violations.push(skipped(h, a, g, commit, `the group committed offset ${String(commit.fields.offset)} past it`));
          else if (later) violations.push(skipped(h, a, g, later, `the group processed offset ${String(later.fields.offset)} of that partition after it was acknowledged`));
          else if (passedOver) violations.push(neverProcessed(h, a, g, settle));
          else waiting++;
        }
        if (violations.length >= MAX_VIOLATIONS) break;
      }
      const findings = [];
      if (waiting > 0) findings.push({ message: `${waiting} acknowledged message(s) still waiting to be processed when the run ended`, value: waiting });
      if (unread > 0) findings.push({ message: `${unread} acknowledged message(s) went to a topic or queue no consumer group reads`, value: unread });
      return { violations: violations.slice(0, MAX_VIOLATIONS), findings };
    },
  };
};

/** The groups that must account for a message: those reading its topic or one of its queues. */
function groupsOf(h: MqHistory, a: AckedMessage, only: Set<string> | null): string[] {
  const sources = a.topic !== undefined ? [a.topic] : a.queues;
  const groups = new Set<string>();
  for (const s of sources) for (const g of h.groupsBySource.get(s) ?? []) groups.add(g);
  return [...groups].filter((g) => only === null || only.has(g)).sort();
}

/**
 * The group's last commit on the message's partition, when it lies past the message and came
 * after the message was delivered to the group (and `until` or earlier). A commit before the
 * delivery may count offsets of an older, truncated log, so it proves nothing about this one.
 */
function committedPast(h: MqHistory, a: AckedMessage, group: string, until: number) {
  if (a.topic === undefined || a.partition === undefined || a.offset === undefined || a.offset < 0) return undefined;
  const c = h.commits.get(`${group}|${a.topic}|${a.partition}`);
  if (!c || c.t > until || (c.fields.offset as number) <= a.offset) return undefined;
  const delivered = (h.consumed.get(a.id) ?? []).some((d) => d.fields.group === group && d.t <= c.t);
  return delivered ? c : undefined;
}

/** The group's first processing of a later offset of the message's partition, after its acknowledgement and by `until`. */
function processedLater(h: MqHistory, a: AckedMessage, group: string, until: number): HistoryEntry | undefined {
  if (a.topic === undefined || a.partition === undefined || a.offset === undefined || a.offset < 0) return undefined;
  for (const list of h.processed.get(group)?.values() ?? []) {
    for (const p of list) {
      if (p.t > a.entry.t && p.t <= until && p.fields.topic === a.topic && p.fields.partition === a.partition && (p.fields.offset as number) > a.offset) return p;
    }
  }
  return undefined;
}

function skipped(h: MqHistory, a: AckedMessage, group: string, evidence: HistoryEntry, what: string): Violation {
  const where = partitionKey(a.topic!, a.partition!);
  const deliveries = (h.consumed.get(a.id) ?? []).filter((c) => c.fields.group === group);
  const shown = [a.entry, ...deliveries, evidence].sort((x, y) => x.index - y.index);
  const delivered = deliveries.length > 0 ? `it was delivered to ${deliveries.map((d) => `${d.address} at ${formatMicros(d.t)}`).join(", ")} but never processed` : "it was never delivered to the group";
  return {
    message: `${a.id} (${where} offset ${a.offset}) is lost for group ${group}: ${delivered}, and ${what} (${formatMicros(evidence.t)})`,
    t: evidence.t,
    nodes: [...new Set(shown.map((e) => e.node))].sort(),
    history: shown.map((e) => e.index),
    events: seqs(shown),
  };
}

function neverProcessed(h: MqHistory, a: AckedMessage, group: string, settle: number): Violation {
  const deliveries = (h.consumed.get(a.id) ?? []).filter((c) => c.fields.group === group);
  const shown = [a.entry, ...deliveries];
  const delivered = deliveries.length > 0 ? `delivered ${deliveries.length} time(s) but never processed` : "never delivered";
  return {
    message: `${a.id} (queue ${a.queues.join(", ")}), acknowledged at ${formatMicros(a.entry.t)}, was ${delivered} by group ${group}, neither dead-lettered nor still queued: the group processed messages acknowledged after it, more than ${formatMicros(settle)} before the end`,
    t: a.entry.t,
    nodes: [...new Set(shown.map((e) => e.node))].sort(),
    history: shown.map((e) => e.index),
    events: seqs(shown),
  };
}
