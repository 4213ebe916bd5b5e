import { formatMicros } from "../engine/core/time";
import type { Micros } from "../engine/core/time";
import type { RunResult } from "../engine/result";
import type { TraceEvent } from "../engine/trace/trace-event";
import type { Violation } from "../engine/check/checker";
import { compactJson, formatCount } from "./format";
import { describeFaultEvent, isFaultEvent, NODE_FAULT_KINDS } from "./fault-label";
import { eventAddress, indexTrace, isDuplicate, messageOf, nodeOfAddress } from "./trace-index";
import type { TraceIndex } from "./trace-index";
import { firstViolation } from "./verdicts";
import { chooseSequenceEvents } from "./sequence-window";

/** Options of the sequence diagram. */
export interface SequenceOptions {
  /**
   * Most events drawn. Default 40: GitHub renders a mermaid diagram of that size legibly on one
   * screen; beyond about a hundred arrows it becomes a scroll nobody reads.
   */
  maxEvents?: number;
}

/** Default bound on drawn events; see `SequenceOptions.maxEvents`. */
export const DEFAULT_SEQUENCE_EVENTS = 40;

/** A drawn diagram and what it left out. */
export interface SequenceDiagram {
  /** The mermaid source, without the code fence. */
  text: string;
  violation: Violation;
  shown: number;
  /** Drawable events before the first one drawn, between drawn ones, and after the last one. */
  omittedBefore: number;
  omittedBetween: number;
  omittedAfter: number;
  from: Micros;
  to: Micros;
}

/**
 * Kinds drawn in the diagram. Sends are drawn at their delivery or drop (a drop can only be
 * understood at the moment it happens, after the fault that caused it), so they are items only
 * when no outcome exists. State, log, metric and check events would bury the story and are left
 * out unless a violation names them, and so are process starts, which the node's restart shows.
 */
function isItem(e: TraceEvent, index: TraceIndex, evidence: ReadonlySet<number>): boolean {
  if (evidence.has(e.seq)) return true;
  switch (e.kind) {
    case "deliver": case "drop": case "timer": case "record": return true;
    case "send": return (messageOf(e, index)?.outcomes.length ?? 0) === 0;
    default: return isFaultEvent(e);
  }
}

/**
 * Text that is safe on one mermaid line. Mermaid's lexer ends a message at `;` and `#`, starts a
 * comment at `%%`, and GitHub's renderer treats `<` and `&` as HTML; a backtick run could close
 * the markdown fence. Each becomes a mermaid entity code (`#59;`), which mermaid shows as the
 * character itself.
 */
export function mermaidText(s: string): string {
  return s.replace(/\s+/g, " ").trim().replace(/[#;%`<>&]/g, (c) => `#${c.charCodeAt(0)};`);
}

/**
 * The events around a run's first violation as a mermaid `sequenceDiagram`, or null when the run
 * has no violation or recorded no trace. Participants are processes; delivered messages are
 * `->>` arrows, dropped ones `-x`, messages never delivered `-)`, faults and timers are notes,
 * and the violation's evidence is highlighted. At most `maxEvents` events are drawn (see
 * `chooseSequenceEvents` for which), and a note marks each run of events left out between them.
 */
export function mermaidSequence(result: RunResult, trace: readonly TraceEvent[] | null | undefined, options: SequenceOptions = {}, violation?: Violation): SequenceDiagram | null {
  const v = violation ?? firstViolation(result);
  if (v === undefined || !trace || trace.length === 0) return null;
  const max = Math.max(1, options.maxEvents ?? DEFAULT_SEQUENCE_EVENTS);
  const index = indexTrace(trace);
  const evidence = new Set(v.events);
  const items = trace.filter((e) => isItem(e, index, evidence));
  if (items.length === 0) return null;

  // The evidence span: the items the violation names, or the moment it names when it names none.
  let first = items.findIndex((e) => evidence.has(e.seq));
  let last = first < 0 ? -1 : items.length - 1 - [...items].reverse().findIndex((e) => evidence.has(e.seq));
  if (first < 0) {
    first = items.findIndex((e) => e.t >= v.t);
    if (first < 0) first = items.length - 1;
    last = first;
  }
  const positions = chooseSequenceEvents(items, evidence, first, last, max);
  const chosen = positions.map((p) => items[p]);
  const firstPos = positions[0];
  const lastPos = positions[positions.length - 1];
  const omittedBefore = firstPos;
  const omittedAfter = items.length - 1 - lastPos;
  const omittedBetween = lastPos - firstPos + 1 - chosen.length;

  // Participants in the order their processes first appear in the trace.
  const order = new Map<string, number>();
  const byNode = new Map<string, string[]>();
  for (const e of trace) {
    const a = eventAddress(e, index);
    if (a !== undefined && !order.has(a)) {
      order.set(a, order.size);
      const n = nodeOfAddress(a);
      byNode.set(n, [...(byNode.get(n) ?? []), a]);
    }
  }
  const used = new Set<string>();
  for (const e of chosen) for (const a of addressesOf(e, index, byNode)) used.add(a);
  const participants = [...used].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  const ids = new Map(participants.map((a, i) => [a, `P${i}`]));
  const id = (a: string): string => ids.get(a) ?? "P0";
  const span = (as: readonly string[]): string => {
    const sorted = [...as].filter((a) => ids.has(a)).sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    if (sorted.length === 0) return participants.length > 1 ? `${id(participants[0])},${id(participants[participants.length - 1])}` : "P0";
    return sorted.length === 1 ? id(sorted[0]) : `${id(sorted[0])},${id(sorted[sorted.length - 1])}`;
  };

  const lines = ["sequenceDiagram"];
  for (const a of participants) lines.push(`    participant ${id(a)} as ${mermaidText(a)}`);
  const everyone = participants.length > 1 ? `${id(participants[0])},${id(participants[participants.length - 1])}` : "P0";
  let previous = -1;
  for (const [i, e] of chosen.entries()) {
    // A jump over undrawn events is marked, so a reader never takes two distant moments as adjacent.
    const position = positions[i];
    if (previous >= 0 && position > previous + 1) lines.push(`    Note over ${everyone}: ${mermaidText(`… ${formatCount(position - previous - 1)} events not shown …`)}`);
    previous = position;
    const line = drawEvent(e, index, byNode, id, span, participants);
    if (evidence.has(e.seq)) lines.push("    rect rgb(255, 225, 225)", `    ${line.replace(": ", ": ⚠ ")}`, "    end");
    else lines.push(`    ${line}`);
  }
  return {
    text: lines.join("\n"),
    violation: v,
    shown: chosen.length,
    omittedBefore,
    omittedBetween,
    omittedAfter,
    from: chosen[0].t,
    to: chosen[chosen.length - 1].t,
  };
}

function addressesOf(e: TraceEvent, index: TraceIndex, byNode: Map<string, string[]>): string[] {
  const m = messageOf(e, index);
  if (m !== undefined) return [m.from, m.to];
  const a = eventAddress(e, index);
  if (a !== undefined) return [a];
  if (e.node !== undefined && NODE_FAULT_KINDS.has(e.kind)) return byNode.get(e.node) ?? [];
  return [];
}

function drawEvent(
  e: TraceEvent,
  index: TraceIndex,
  byNode: Map<string, string[]>,
  id: (a: string) => string,
  span: (as: readonly string[]) => string,
  participants: readonly string[],
): string {
  const when = ` · ${formatMicros(e.t)}`;
  const m = messageOf(e, index);
  if (m !== undefined && (e.kind === "deliver" || e.kind === "drop" || e.kind === "send")) {
    const body = compactJson(m.body, 30);
    const label = body === "" ? m.type : `${m.type} ${body}`;
    if (e.kind === "drop") return `${id(m.from)}-x${id(m.to)}: ${mermaidText(`${label} dropped: ${e.reason ?? "unknown"}${when}`)}`;
    if (e.kind === "send") return `${id(m.from)}-)${id(m.to)}: ${mermaidText(`${label} (never delivered)${when}`)}`;
    return `${id(m.from)}->>${id(m.to)}: ${mermaidText(`${label}${isDuplicate(e) ? " (duplicate)" : ""}${when}`)}`;
  }
  const a = eventAddress(e, index);
  let text: string;
  switch (e.kind) {
    case "timer": text = `timer ${compactJson(e.label ?? e.type ?? "", 40)}`; break;
    case "record": text = `${compactJson(e.event ?? e.type ?? "", 30)} ${compactJson(e.fields ?? "", 40)}`; break;
    case "log": text = `log: ${compactJson(e.message ?? "", 50)}`; break;
    default: text = isFaultEvent(e) ? describeFaultEvent(e) : e.kind;
  }
  let over: string;
  if (a !== undefined) over = id(a);
  else if (e.node !== undefined) over = span(byNode.get(e.node) ?? []);
  else over = span(participants);
  return `Note over ${over}: ${mermaidText(text + when)}`;
}
