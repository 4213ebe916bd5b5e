import type { CheckerFactory, CheckOutcome } from "../../../check/checker";
import { formatMicros } from "../../../core/time";
import { stringList } from "../config-values";
import type { AckedMessage, MqHistory } from "./mq-history";
import { partitionKey, readMqHistory, seqs, settleWindow } from "./mq-history";

type Violation = CheckOutcome["violations"][number];

/** Most violations one run reports. */
const MAX_VIOLATIONS = 20;

/**
 * Every acknowledged message is accounted for, end to end, by every consumer group that reads
 * its topic or queue (`params.groups` to name them; default every group seen): the group
 * processed it, or a broker dead-lettered or discarded it on purpose, or it is still waiting to
 * be read. It is unaccounted for when:
 * - the group committed an offset past it and never processed it (at-most-once: it was
 *   committed, then the consumer crashed before processing), or
 * - the run settled (every fault healed `params.settle`, default 5 s, before the end) and the
 *   group never processed it, though it was acknowledged before that.
 * Messages still waiting at the end without a settled run are a finding, not a failure.
 */
export const allAccounted: CheckerFactory = (params) => {
  const only = params.groups === undefined ? null : new Set(stringList(params.groups, "all-accounted.params.groups"));
  return {
    name: "all-accounted",
    description: "Every acknowledged message is processed, dead-lettered, or still queued at the end, for every group that reads it.",
    check(ctx) {
      const h = readMqHistory(ctx.history);
      const { settle, settled } = settleWindow(ctx, "all-accounted");
      const violations: Violation[] = [];
      let waiting = 0;
      let unread = 0;
      for (const a of h.acked) {
        if (h.settled.has(a.id)) continue;
        const groups = groupsOf(h, a, only);
        if (groups.length === 0) unread++;
        for (const g of groups) {
          if (h.processed.get(g)?.has(a.id)) continue;
          const past = committedPast(h, a, g);
          if (past) violations.push(skipped(h, a, g, past));
          else if (settled && a.entry.t <= ctx.endedAt - settle) violations.push(neverProcessed(h, a, g));
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

/** The group's last commit on the message's partition, when it lies past the message. */
function committedPast(h: MqHistory, a: AckedMessage, group: string) {
  if (a.topic === undefined || a.partition === undefined || a.offset === undefined || a.offset < 0) return undefined;
  const c = h.commits.get(`${group}|${a.topic}|${a.partition}`);
  return c && (c.fields.offset as number) > a.offset ? c : undefined;
}

function skipped(h: MqHistory, a: AckedMessage, group: string, commit: NonNullable<ReturnType<typeof committedPast>>): Violation {
  const where = partitionKey(a.topic!, a.partition!);
  const deliveries = (h.consumed.get(a.id) ?? []).filter((c) => c.fields.group === group);
  const shown = [a.entry, ...deliveries, commit].sort((x, y) => x.index - y.index);
  const delivered = deliveries.length > 0 ? `it was delivered to ${deliveries.map((d) => `${d.address} at ${formatMicros(d.t)}`).join(", ")} but never processed` : "it was never delivered to the group";
  return {
    message: `${a.id} (${where} offset ${a.offset}) is lost for group ${group}: ${delivered}, and the group committed offset ${String(commit.fields.offset)} past it`,
    t: commit.t,
    nodes: [...new Set(shown.map((e) => e.node))].sort(),
    history: shown.map((e) => e.index),
    events: seqs(shown),
  };
}

function neverProcessed(h: MqHistory, a: AckedMessage, group: string): Violation {
  const deliveries = (h.consumed.get(a.id) ?? []).filter((c) => c.fields.group === group);
  const shown = [a.entry, ...deliveries];
  const where = a.topic !== undefined ? `${partitionKey(a.topic, a.partition ?? 0)} offset ${a.offset}` : `queue ${a.queues.join(", ")}`;
  const delivered = deliveries.length > 0 ? `delivered ${deliveries.length} time(s) but never processed` : "never delivered";
  return {
    message: `${a.id} (${where}), acknowledged at ${formatMicros(a.entry.t)}, was ${delivered} by group ${group}, neither dead-lettered nor still queued, though every fault had healed`,
    t: a.entry.t,
    nodes: [...new Set(shown.map((e) => e.node))].sort(),
    history: shown.map((e) => e.index),
    events: seqs(shown),
  };
}
