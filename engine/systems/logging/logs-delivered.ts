import type { CheckerFactory, CheckOutcome, Finding } from "../../check/checker";
import type { Micros } from "../../core/time";
import { SECOND, formatMicros } from "../../core/time";
import { toInt, toMicros } from "../../options/option-values";

/** What became of the lines of one agent. */
interface AgentTally {
  node: string;
  produced: number;
  stored: number;
  dropped: Map<string, number>;
  late: number;
  lost: number;
  pending: number;
  slowest: Micros;
}

/**
 * Delivery of logs, at least once: every line an application wrote is stored by a collector
 * within `within` of the later of its writing and the heal of the last fault, unless the
 * agent's buffer policy dropped it, which the agent recorded and this check reports (and fails
 * on, above `maxDropped`). A line neither stored nor dropped by then is lost; stored later, it is
 * late. Lines whose deadline falls after the end of the run are not judged, only counted.
 *
 * Params: `within` (default 60 s), `maxDropped` (default: no limit). Findings, per agent: lines
 * written, stored, dropped by policy, still pending, and the slowest delivery; and the duplicates
 * the collectors received (retries after lost acks) and stored (when they do not deduplicate).
 */
export const logsDelivered: CheckerFactory = (params) => {
  const within = params.within === undefined ? 60 * SECOND : toMicros(params.within, "logs-delivered", "within");
  const maxDropped = params.maxDropped === undefined || params.maxDropped === null ? null : toInt(params.maxDropped, 0, "logs-delivered", "maxDropped");
  return {
    name: "logs-delivered",
    description: `Every log line is stored by a collector within ${formatMicros(within)} after the heal, or dropped by its buffer policy and reported.`,
    check(ctx): CheckOutcome {
      const key = (agent: string, seq: unknown) => `${agent}#${String(seq)}`;
      const stored = new Map<string, { t: Micros; times: number }>();
      const dropped = new Map<string, string>();
      let duplicatesReceived = 0;
      for (const h of ctx.history) {
        if (h.event === "log-stored") {
          duplicatesReceived += Number(h.fields.duplicates ?? 0);
          for (const seq of h.fields.seqs as number[]) {
            const k = key(String(h.fields.agent), seq);
            const s = stored.get(k);
            if (s) s.times++;
            else stored.set(k, { t: h.t, times: 1 });
          }
        } else if (h.event === "log-dropped") {
          for (const seq of h.fields.seqs as number[]) dropped.set(key(h.address, seq), String(h.fields.reason));
        }
      }
      const agents = new Map<string, AgentTally>();
      const violations: CheckOutcome["violations"] = [];
      let storedTwice = 0;
      for (const h of ctx.history) {
        if (h.event !== "log-line") continue;
        let a = agents.get(h.address);
        if (!a) agents.set(h.address, (a = { node: h.node, produced: 0, stored: 0, dropped: new Map(), late: 0, lost: 0, pending: 0, slowest: 0 }));
        a.produced++;
        const k = key(h.address, h.fields.seq);
        const deadline = Math.max(h.t, ctx.healedAt) + within;
        const s = stored.get(k);
        const reason = dropped.get(k);
        if (s) {
          a.stored++;
          if (s.times > 1) storedTwice++;
          a.slowest = Math.max(a.slowest, s.t - h.t);
          if (s.t > deadline) {
            a.late++;
            if (violations.length < 20) violations.push({ message: `${h.address} line ${String(h.fields.seq)}, written at ${formatMicros(h.t)}, was stored only at ${formatMicros(s.t)}, after its deadline ${formatMicros(deadline)}`, t: deadline, nodes: [h.node], history: [h.index], events: [] });
          }
        } else if (reason !== undefined) {
          a.dropped.set(reason, (a.dropped.get(reason) ?? 0) + 1);
        } else if (deadline <= ctx.endedAt) {
          a.lost++;
          if (violations.length < 20) violations.push({ message: `${h.address} line ${String(h.fields.seq)}, written at ${formatMicros(h.t)}, was neither stored by a collector nor dropped by its buffer by ${formatMicros(deadline)}`, t: deadline, nodes: [h.node], history: [h.index], events: [] });
        } else {
          a.pending++;
        }
      }
      const findings: Array<Omit<Finding, "check">> = [];
      let totalDropped = 0;
      for (const [address, a] of [...agents].sort(([x], [y]) => x.localeCompare(y))) {
        const d = [...a.dropped.values()].reduce((x, y) => x + y, 0);
        totalDropped += d;
        const why = [...a.dropped].map(([r, n]) => `${n} by ${r}`).join(", ");
        const bad = a.lost + a.late > 0 ? `, ${a.lost} lost, ${a.late} late` : "";
        findings.push({
          message: `${address}: ${a.produced} lines written, ${a.stored} stored, ${d} dropped${d > 0 ? ` (${why})` : ""}${bad}, ${a.pending} too recent to judge; slowest delivery ${formatMicros(a.slowest)}`,
          nodes: [a.node], value: d,
        });
      }
      findings.push({ message: `collectors received ${duplicatesReceived} duplicate line(s) and stored ${storedTwice} line(s) more than once`, value: duplicatesReceived });
      if (maxDropped !== null && totalDropped > maxDropped) {
        violations.push({ message: `${totalDropped} line(s) were dropped by buffer policies, more than the ${maxDropped} allowed`, t: ctx.endedAt, nodes: [...agents.values()].filter((a) => a.dropped.size > 0).map((a) => a.node), history: [], events: [] });
      }
      return { violations, findings };
    },
  };
};
