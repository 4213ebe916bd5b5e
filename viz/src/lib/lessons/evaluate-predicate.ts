import type { TraceEvent } from "../../../../engine/trace/trace-event";
import type { TraceBundle } from "../trace/trace-bundle";
import { DELIVERED, DROPPED, IN_FLIGHT } from "../trace/trace-bundle";
import { K } from "../trace/event-kinds";
import { parseExpectation } from "../../../../scenarios/convert/expectation";
import { parseDuration } from "../../../../scenarios/units";
import { evaluateExpectation } from "../../../../engine/check/evaluate";
import { formatMicros } from "../../../../engine/core/time";
import type { CompareOp, MessageMatch, Moment, Predicate, RecordMatch } from "./lesson-types";

/** What a predicate reads of a run: its bundle (result, arrows, event kinds) and its decoded events. */
export interface LessonRun {
  bundle: TraceBundle;
  event(seq: number): TraceEvent;
}

/** One measured fact behind a verdict, in the predicate's own notation: language-neutral. */
export interface Evidence {
  text: string;
  holds: boolean;
}

/** A predicate's verdict on one run, with the facts it was decided on. */
export interface Verdict {
  holds: boolean;
  evidence: Evidence[];
}

/** An address (`b2/api`) matches a node pattern (`b2`) or the same address. */
export function addressMatches(pattern: string, address: string): boolean {
  return pattern === address || (!pattern.includes("/") && address.split("/")[0] === pattern);
}

function compare(op: CompareOp, a: number, b: number): boolean {
  switch (op) {
    case "<": return a < b;
    case "<=": return a <= b;
    case ">": return a > b;
    case ">=": return a >= b;
    case "==": return a === b;
    case "!=": return a !== b;
  }
}

/** A bound: a number as written, or a duration (`"30s"`) in microseconds. */
function boundOf(value: number | string): number {
  if (typeof value === "number") return value;
  const d = parseDuration(value);
  if (!d.ok) throw new Error(`lesson predicate: bad duration "${value}": ${d.message}`);
  return d.value;
}

function momentText(m: Moment): string {
  if ("crash" in m) return `crash(${m.crash})`;
  if ("restart" in m) return `restart(${m.restart})`;
  if ("partition" in m) return "partition";
  if ("heal" in m) return "heal";
  if ("record" in m) return `record(${m.record}${m.from ? ` from ${m.from}` : ""}${m.nth ? ` #${m.nth}` : ""})`;
  return m.at;
}

/** The time of a moment in this run, or null when it never happens. */
export function momentTime(run: LessonRun, m: Moment): number | null {
  const b = run.bundle;
  if ("at" in m) return boundOf(m.at);
  if ("record" in m) {
    const nth = m.nth ?? 1;
    let seen = 0;
    for (let s = 0; s < b.count; s++) {
      if (b.kind[s] !== K.record) continue;
      const ev = run.event(s);
      if (ev.event !== m.record) continue;
      if (m.from && !addressMatches(m.from, `${ev.node}/${ev.proc}`)) continue;
      if (++seen === nth) return ev.t;
    }
    return null;
  }
  const code = "crash" in m ? K.crash : "restart" in m ? K.restart : "partition" in m ? K.partition : K.heal;
  const node = "crash" in m ? m.crash : "restart" in m ? m.restart : null;
  const nodeIndex = node === null ? -1 : b.nodes.indexOf(node);
  if (node !== null && nodeIndex < 0) return null;
  for (let s = 0; s < b.count; s++) {
    if (b.kind[s] === code && (nodeIndex < 0 || b.node[s] === nodeIndex)) return b.t[s];
  }
  return null;
}

/**
 * The window `after < t < before` of a match. Nothing is after a moment that never happens
 * (null: no match at all), and everything is before it.
 */
function windowOf(run: LessonRun, after?: Moment, before?: Moment): { lo: number; hi: number } | null {
  const lo = after ? momentTime(run, after) : -Infinity;
  if (lo === null) return null;
  return { lo, hi: (before ? momentTime(run, before) : null) ?? Infinity };
}

function matchText(kind: string, m: MessageMatch | RecordMatch): string {
  const parts: string[] = [];
  if ("event" in m) parts.push(m.event);
  if ("type" in m && m.type) parts.push(`type=${m.type}`);
  if (m.from) parts.push(`from=${m.from}`);
  if ("to" in m && m.to) parts.push(`to=${m.to}`);
  if ("status" in m && m.status) parts.push(m.status);
  if ("fields" in m && m.fields) for (const [k, v] of Object.entries(m.fields)) parts.push(`${k}=${String(v)}`);
  if (m.after) parts.push(`after ${momentText(m.after)}`);
  if (m.before) parts.push(`before ${momentText(m.before)}`);
  return `${kind}(${parts.join(" ")})`;
}

/** Send times of the distinct messages that match (a duplicated message counts once). */
export function matchingMessages(run: LessonRun, m: MessageMatch): number[] {
  const b = run.bundle;
  const a = b.arrows;
  const w = windowOf(run, m.after, m.before);
  if (!w) return [];
  const type = m.type === undefined ? -1 : b.types.indexOf(m.type);
  if (m.type !== undefined && type < 0) return [];
  const status = m.status === undefined ? -1 : m.status === "delivered" ? DELIVERED : m.status === "dropped" ? DROPPED : IN_FLIGHT;
  const seen = new Set<number>();
  const times: number[] = [];
  for (let i = 0; i < a.count; i++) {
    const t = a.sendT[i];
    if (!(t > w.lo && t < w.hi)) continue;
    if (type >= 0 && a.type[i] !== type) continue;
    if (status >= 0 && a.status[i] !== status) continue;
    if (m.from && !addressMatches(m.from, b.lanes[a.fromLane[i]].address)) continue;
    // The send event names the intended receiver; a dropped arrow's lane is where it died.
    if (m.to && !addressMatches(m.to, String(run.event(a.sendSeq[i]).to ?? ""))) continue;
    if (seen.has(a.sendSeq[i])) continue;
    seen.add(a.sendSeq[i]);
    times.push(t);
  }
  return times.sort((x, y) => x - y);
}

/** Times of the history records that match. */
export function matchingRecords(run: LessonRun, m: RecordMatch): number[] {
  const b = run.bundle;
  const w = windowOf(run, m.after, m.before);
  if (!w) return [];
  const times: number[] = [];
  for (let s = 0; s < b.count; s++) {
    if (b.kind[s] !== K.record || !(b.t[s] > w.lo && b.t[s] < w.hi)) continue;
    const ev = run.event(s);
    if (ev.event !== m.event) continue;
    if (m.from && !addressMatches(m.from, `${ev.node}/${ev.proc}`)) continue;
    const fields = (ev.fields ?? {}) as Record<string, unknown>;
    if (m.fields && !Object.entries(m.fields).every(([k, v]) => fields[k] === v)) continue;
    times.push(ev.t);
  }
  return times;
}

function counted(label: string, times: number[], of: "count" | "first" | "last", op: CompareOp, value: number | string): Verdict {
  const bound = boundOf(value);
  const shown = typeof value === "string" ? value : String(value);
  if (of === "count") {
    const holds = compare(op, times.length, bound);
    return { holds, evidence: [{ text: `count ${label} = ${times.length}, ${op} ${shown}`, holds }] };
  }
  if (times.length === 0) return { holds: false, evidence: [{ text: `${of} ${label}: none`, holds: false }] };
  const t = of === "first" ? times[0] : times[times.length - 1];
  const holds = compare(op, t, bound);
  return { holds, evidence: [{ text: `${of} ${label} at ${formatMicros(t)}, ${op} ${shown}`, holds }] };
}

/**
 * Judges a predicate on one run: from the run's check results and metrics (its `RunResult`) and
 * from its trace. Throws only for a malformed predicate (a lesson's bug, which the lesson tests catch).
 */
export function evaluatePredicate(p: Predicate, run: LessonRun): Verdict {
  const result = run.bundle.result;
  if ("check" in p) {
    const c = result?.checks.find((x) => x.name === p.check);
    if (!c) return { holds: false, evidence: [{ text: `check ${p.check}: not in this run`, holds: false }] };
    const holds = c.status === p.is;
    return { holds, evidence: [{ text: `check ${p.check}: ${c.status}`, holds }] };
  }
  if ("expect" in p) {
    const parsed = parseExpectation(p.expect);
    if (!parsed.ok) throw new Error(`lesson predicate: bad expectation "${p.expect}": ${parsed.message}`);
    if (!result) return { holds: false, evidence: [{ text: `${p.expect}: no metrics`, holds: false }] };
    const r = evaluateExpectation(parsed.value, result.metrics, result.stats.virtualTime / 1e6);
    const measured = r.measured === null ? "no data" : Number.isInteger(r.measured) ? String(r.measured) : r.measured.toFixed(3);
    return { holds: r.passed, evidence: [{ text: `${p.expect} (measured ${measured}${r.bound !== undefined && r.bound !== null ? ` vs ${Number.isInteger(r.bound) ? r.bound : r.bound.toFixed(3)}` : ""})`, holds: r.passed }] };
  }
  if ("messages" in p) return counted(matchText("messages", p.messages), matchingMessages(run, p.messages), p.of ?? "count", p.op, p.value);
  if ("records" in p) return counted(matchText("records", p.records), matchingRecords(run, p.records), p.of ?? "count", p.op, p.value);
  if ("all" in p) {
    const vs = p.all.map((q) => evaluatePredicate(q, run));
    return { holds: vs.every((v) => v.holds), evidence: vs.flatMap((v) => v.evidence) };
  }
  if ("any" in p) {
    const vs = p.any.map((q) => evaluatePredicate(q, run));
    return { holds: vs.some((v) => v.holds), evidence: vs.flatMap((v) => v.evidence) };
  }
  const v = evaluatePredicate(p.not, run);
  return { holds: !v.holds, evidence: v.evidence.map((e) => ({ text: `not: ${e.text}`, holds: !e.holds })) };
}
