import type { Micros } from "../../../core/time";
import { formatMicros } from "../../../core/time";
import type { CheckerFactory, CheckOutcome, Finding, HistoryEntry } from "../../../check/checker";
import type { FaultSpec } from "../../../scenario";
import { durationValue } from "../config-values";
import { COMMIT_EVENTS, firstCrash } from "./commit-history";

/** A stretch of time one participant spent uncertain (or blocked) about one transaction. */
export interface Period {
  address: string;
  node: string;
  txn: string;
  from: Micros;
  to: Micros;
  /** How it ended: the participant decided, crashed, or the run ended first. */
  end: "decided" | "crashed" | "run-end";
  /** History index of the entry that opened it. */
  index: number;
}

/** The numbers the blocking checker reports. */
export interface BlockingMeasure {
  /** From a participant's first `blocked` record to its decision (or crash, or the run's end). */
  blocked: Period[];
  totalBlocked: Micros;
  maxBlocked: Micros;
  /** From `uncertain-start` to `uncertain-end` (or crash, or the run's end). */
  uncertain: Period[];
  totalUncertain: Micros;
  maxUncertain: Micros;
}

interface Open { start: HistoryEntry; blocked: HistoryEntry | null }

/** Measures uncertainty and blocking from the history, cutting a period at its node's crash. */
export function measureBlocking(history: readonly HistoryEntry[], faults: readonly FaultSpec[], endedAt: Micros): BlockingMeasure {
  const open = new Map<string, Open>();
  const blocked: Period[] = [];
  const uncertain: Period[] = [];
  const close = (o: Open, at: Micros, end: Period["end"]) => {
    const crash = firstCrash(faults, o.start.node, o.start.t, at);
    const to = crash ?? at;
    const how = crash !== null ? "crashed" : end;
    const txn = String(o.start.fields.txn);
    uncertain.push({ address: o.start.address, node: o.start.node, txn, from: o.start.t, to, end: how, index: o.start.index });
    if (o.blocked && o.blocked.t <= to) blocked.push({ address: o.start.address, node: o.start.node, txn, from: o.blocked.t, to, end: how, index: o.blocked.index });
  };
  for (const h of history) {
    if (h.event !== COMMIT_EVENTS.uncertainStart && h.event !== COMMIT_EVENTS.blocked && h.event !== COMMIT_EVENTS.uncertainEnd) continue;
    const key = `${h.address} ${String(h.fields.txn)}`;
    const o = open.get(key);
    if (h.event === COMMIT_EVENTS.uncertainStart) {
      if (o) close(o, h.t, "crashed"); // an earlier incarnation's uncertainty, ended by its crash
      open.set(key, { start: h, blocked: null });
    } else if (h.event === COMMIT_EVENTS.blocked) {
      if (o && !o.blocked) o.blocked = h;
    } else if (o) {
      close(o, h.t, "decided");
      open.delete(key);
    }
  }
  for (const o of open.values()) close(o, endedAt, "run-end");
  const sum = (ps: Period[]) => ps.reduce((s, p) => s + (p.to - p.from), 0);
  const max = (ps: Period[]) => ps.reduce((m, p) => Math.max(m, p.to - p.from), 0);
  return { blocked, totalBlocked: sum(blocked), maxBlocked: max(blocked), uncertain, totalUncertain: sum(uncertain), maxUncertain: max(uncertain) };
}

/**
 * Blocking, measured (BHG: a participant is blocked when it is uncertain and nobody it can reach
 * can tell it the decision, so it must wait for a failure to be repaired). It reports as
 * findings how many participants were blocked, for how long in all and at most, and how long
 * participants were uncertain. Blocking is the protocol working as designed, not a failure, so
 * it is a violation only when `params.maxBlocked` (a duration) is given and a period exceeds it.
 */
export const blocking: CheckerFactory = (params) => {
  const limit = params.maxBlocked === undefined ? null : durationValue(params.maxBlocked, "blocking params.maxBlocked", 0);
  return {
    name: "blocking",
    description: "Measures how long participants stayed uncertain and blocked; fails only past params.maxBlocked.",
    check(ctx) {
      const m = measureBlocking(ctx.history, ctx.faults, ctx.endedAt);
      const findings: Array<Omit<Finding, "check">> = [];
      const txns = new Set(m.blocked.map((p) => p.txn));
      if (m.blocked.length === 0) {
        findings.push({ message: "no participant was blocked", value: 0 });
      } else {
        const longest = m.blocked.reduce((a, b) => (b.to - b.from > a.to - a.from ? b : a));
        const still = m.blocked.filter((p) => p.end === "run-end").length;
        findings.push({
          message: `${m.blocked.length} participant-transaction(s) blocked in ${txns.size} transaction(s): ` +
            `${formatMicros(m.totalBlocked)} in all, the longest ${formatMicros(m.maxBlocked)} ` +
            `(${longest.address} in ${longest.txn}, from ${formatMicros(longest.from)} to ${formatMicros(longest.to)})` +
            (still > 0 ? `; ${still} still blocked when the run ended` : ""),
          t: m.blocked[0].from,
          nodes: [...new Set(m.blocked.map((p) => p.node))].sort(),
          value: m.totalBlocked,
        });
        findings.push({ message: `longest blocked period: ${formatMicros(m.maxBlocked)}`, t: longest.from, nodes: [longest.node], value: m.maxBlocked });
      }
      const mean = m.uncertain.length > 0 ? Math.round(m.totalUncertain / m.uncertain.length) : 0;
      findings.push({
        message: `${m.uncertain.length} uncertainty period(s): mean ${formatMicros(mean)}, longest ${formatMicros(m.maxUncertain)}`,
        value: m.maxUncertain,
      });
      const violations: CheckOutcome["violations"] = limit === null ? [] : m.blocked
        .filter((p) => p.to - p.from > limit)
        .slice(0, 20)
        .map((p) => ({
          message: `${p.address} was blocked on ${p.txn} for ${formatMicros(p.to - p.from)} (from ${formatMicros(p.from)}), more than maxBlocked ${formatMicros(limit)}`,
          t: p.from, nodes: [p.node], history: [p.index], events: seqOf(ctx.history, p.index),
        }));
      return { violations, findings };
    },
  };
};

function seqOf(history: readonly HistoryEntry[], index: number): number[] {
  const s = history[index]?.seq ?? -1;
  return s >= 0 ? [s] : [];
}
