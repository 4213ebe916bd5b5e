import { formatMicros } from "../engine/core/time";
import type { Micros } from "../engine/core/time";
import type { TraceEvent } from "../engine/trace/trace-event";
import type { RunReport } from "./report-input";
import { escapeHtml } from "./escape-markup";
import { formatCount } from "./format";
import { describeFaultAction, describeFaultEvent, isFaultEvent } from "./fault-label";
import { describeEvent, indexTrace, nodeOfAddress } from "./trace-index";
import type { MessageInfo } from "./trace-index";
import { evidenceSeqs } from "./key-events";

/** Options of the timeline drawing. */
export interface TimelineOptions {
  /**
   * Most message arrows drawn. Default 2,000: beyond that an SVG page slows down in a browser
   * and the arrows overlap into a solid band anyway. Faults and violations are always drawn.
   */
  maxMessages?: number;
}

/** Default bound on arrows; see `TimelineOptions.maxMessages`. */
export const DEFAULT_TIMELINE_MESSAGES = 2000;

/** The drawing and what it says about its own completeness. */
export interface Timeline {
  svg: string;
  /** Arrows drawn and messages in the trace. */
  drawnMessages: number;
  totalMessages: number;
  /** One sentence on what was left out, or empty when everything was drawn. */
  sampling: string;
}

const LEFT = 120, RIGHT = 20, TOP = 34, LANE = 44, WIDTH = 1200;
const PLOT = WIDTH - LEFT - RIGHT;

/** Round tick steps (1, 2, 5 × 10^k microseconds) giving about eight ticks. */
function tickStep(span: Micros): number {
  const raw = Math.max(1, span / 8);
  const pow = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * pow >= raw) return m * pow;
  return 10 * pow;
}

function num(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/**
 * Picks the messages to draw: every message a violation names, then drops, then deliveries,
 * each class sampled evenly (every k-th) when it does not fit, so the picture keeps the shape of
 * the whole run rather than only its beginning.
 */
function sample(messages: readonly MessageInfo[], evidence: ReadonlySet<number>, max: number): { picked: MessageInfo[]; sampling: string } {
  const named: MessageInfo[] = [], dropped: MessageInfo[] = [], delivered: MessageInfo[] = [];
  for (const m of messages) {
    if ((m.send !== undefined && evidence.has(m.send.seq)) || m.outcomes.some((o) => evidence.has(o.seq))) named.push(m);
    else if (m.outcomes.some((o) => o.kind === "drop")) dropped.push(m);
    else delivered.push(m);
  }
  if (messages.length <= max) return { picked: [...messages], sampling: "" };
  const even = (list: MessageInfo[], room: number): MessageInfo[] => {
    if (list.length <= room) return list;
    if (room <= 0) return [];
    const step = list.length / room;
    return Array.from({ length: room }, (_, i) => list[Math.floor(i * step)]);
  };
  const a = named.slice(0, max);
  // Drops get at most a quarter of the room: enough to see where they cluster without painting a
  // run that lost 2 % of its messages as if it had lost half.
  const b = even(dropped, Math.max(0, Math.min(dropped.length, Math.floor((max - a.length) / 4))));
  const c = even(delivered, max - a.length - b.length);
  const parts = [
    `${formatCount(a.length)} named by violations`,
    `${formatCount(b.length)} of ${formatCount(dropped.length)} dropped`,
    `${formatCount(c.length)} of ${formatCount(delivered.length)} delivered`,
  ];
  return {
    picked: [...a, ...b, ...c],
    sampling: `Drawn ${formatCount(a.length + b.length + c.length)} of ${formatCount(messages.length)} messages (${parts.join(", ")}, sampled evenly over the run); every fault and violation is drawn.`,
  };
}

/**
 * The run's timeline as inline SVG: a lane per node, an arrow per message from its send to its
 * delivery, dropped messages dashed and ending in a cross, bands for crashed and paused nodes and
 * for partitions, and a red line at each violation. Every text from the trace is escaped, and
 * every mark has a tooltip saying what it is.
 */
export function timelineSvg(report: RunReport, options: TimelineOptions = {}): Timeline {
  const r = report.result;
  const trace: readonly TraceEvent[] = report.trace ?? [];
  const index = indexTrace(trace);
  const evidence = evidenceSeqs(r);

  const nodes: string[] = [];
  const seen = new Set<string>();
  const addNode = (n: string | undefined): void => { if (n !== undefined && !seen.has(n)) { seen.add(n); nodes.push(n); } };
  for (const e of trace) {
    addNode(e.node);
    if (e.from !== undefined) addNode(nodeOfAddress(e.from));
    if (e.to !== undefined) addNode(nodeOfAddress(e.to));
  }
  for (const f of r.faults) if ("node" in f.fault && typeof f.fault.node === "string") addNode(f.fault.node);
  for (const c of r.checks) for (const v of c.violations) for (const n of v.nodes) addNode(n);

  const end = Math.max(1, r.stats.virtualTime, trace.length > 0 ? trace[trace.length - 1].t : 0);
  const x = (t: Micros): number => LEFT + (Math.min(Math.max(t, 0), end) / end) * PLOT;
  const laneOf = new Map(nodes.map((n, i) => [n, i]));
  const y = (node: string): number => TOP + (laneOf.get(node) ?? 0) * LANE + LANE / 2;
  const height = TOP + Math.max(1, nodes.length) * LANE + 10;
  const parts: string[] = [];
  const title = (s: string): string => `<title>${escapeHtml(s)}</title>`;

  // Lanes and the time axis.
  nodes.forEach((n, i) => {
    parts.push(`<rect class="lane${i % 2}" x="${LEFT}" y="${TOP + i * LANE}" width="${PLOT}" height="${LANE}"/>`);
    parts.push(`<text class="node" x="${LEFT - 8}" y="${num(y(n) + 4)}" text-anchor="end">${escapeHtml(n)}</text>`);
  });
  const step = tickStep(end);
  for (let t = 0; t <= end; t += step) {
    parts.push(`<line class="tick" x1="${num(x(t))}" x2="${num(x(t))}" y1="${TOP - 4}" y2="${height - 10}"/>`);
    parts.push(`<text class="axis" x="${num(x(t))}" y="${TOP - 10}" text-anchor="middle">${t === 0 ? "0" : escapeHtml(formatMicros(t))}</text>`);
  }

  // Fault bands: node down or paused, and network partitions, from the trace or else the result.
  const bands: string[] = [];
  const open = new Map<string, TraceEvent>();
  let partition: TraceEvent | undefined;
  const nodeBand = (node: string, from: Micros, to: Micros, cls: string, what: string): void => {
    const top = TOP + (laneOf.get(node) ?? 0) * LANE + 3;
    bands.push(`<rect class="${cls}" x="${num(x(from))}" y="${top}" width="${num(Math.max(2, x(to) - x(from)))}" height="${LANE - 6}">${title(`${what} ${formatMicros(from)}–${formatMicros(to)}`)}</rect>`);
  };
  const netBand = (from: Micros, to: Micros, what: string): void => {
    bands.push(`<rect class="partition" x="${num(x(from))}" y="${TOP}" width="${num(Math.max(2, x(to) - x(from)))}" height="${height - TOP - 10}">${title(`${what} ${formatMicros(from)}–${formatMicros(to)}`)}</rect>`);
  };
  for (const e of trace) {
    if (!isFaultEvent(e)) continue;
    if ((e.kind === "crash" || e.kind === "pause") && e.node !== undefined) open.set(e.node, e);
    if ((e.kind === "restart" || e.kind === "resume") && e.node !== undefined) {
      const o = open.get(e.node);
      if (o !== undefined) { nodeBand(e.node, o.t, e.t, o.kind === "crash" ? "down" : "paused", describeFaultEvent(o)); open.delete(e.node); }
    }
    if (e.kind === "partition") { if (partition !== undefined) netBand(partition.t, e.t, describeFaultEvent(partition)); partition = e; }
    if (e.kind === "heal" && partition !== undefined) { netBand(partition.t, e.t, describeFaultEvent(partition)); partition = undefined; }
  }
  for (const [node, o] of open) nodeBand(node, o.t, end, o.kind === "crash" ? "down" : "paused", `${describeFaultEvent(o)} (until the end)`);
  if (partition !== undefined) netBand(partition.t, end, `${describeFaultEvent(partition)} (until the end)`);
  if (trace.length === 0) {
    for (const f of r.faults) {
      const until = f.t + (f.fault.duration ?? end - f.t);
      const what = describeFaultAction(f.fault);
      if ((f.fault.action === "crash" || f.fault.action === "pause") && "node" in f.fault) nodeBand(f.fault.node, f.t, until, f.fault.action === "crash" ? "down" : "paused", what);
      else netBand(f.t, until, what);
    }
  }
  parts.push(...bands);

  // Messages.
  const all = [...index.messages.values()].filter((m) => m.send !== undefined);
  const { picked, sampling } = sample(all, evidence, options.maxMessages ?? DEFAULT_TIMELINE_MESSAGES);
  for (const m of picked) {
    const fromY = y(nodeOfAddress(m.from));
    const x1 = x(m.send!.t);
    const outcomes = m.outcomes.length > 0 ? m.outcomes : [undefined];
    for (const o of outcomes) {
      const toY = y(nodeOfAddress(m.to));
      const x2 = o === undefined ? x(end) : x(o.t);
      const tip = o === undefined ? `${describeEvent(m.send!, index)} (never delivered)` : `${describeEvent(m.send!, index)}\n${describeEvent(o, index)}`;
      const named = evidence.has(m.send!.seq) || (o !== undefined && evidence.has(o.seq));
      if (o !== undefined && o.kind === "drop") {
        parts.push(`<g class="msg drop${named ? " named" : ""}">${title(tip)}<line x1="${num(x1)}" y1="${num(fromY)}" x2="${num(x2)}" y2="${num(toY)}"/>` +
          `<path d="M${num(x2 - 4)},${num(toY - 4)}l8,8m0,-8l-8,8"/></g>`);
      } else {
        const cls = o === undefined ? "msg lost" : `msg${named ? " named" : ""}`;
        parts.push(`<line class="${cls}" x1="${num(x1)}" y1="${num(fromY)}" x2="${num(x2)}" y2="${num(toY)}" marker-end="url(#arrow)">${title(tip)}</line>`);
      }
    }
  }

  // Evidence that is not a message (records, logs, timers) and the violations themselves.
  for (const e of trace) {
    if (!evidence.has(e.seq) || e.kind === "send" || e.kind === "deliver" || e.kind === "drop" || e.node === undefined) continue;
    parts.push(`<circle class="evidence" cx="${num(x(e.t))}" cy="${num(y(e.node))}" r="5">${title(`${formatMicros(e.t)} ${describeEvent(e, index)}`)}</circle>`);
  }
  for (const c of r.checks) {
    for (const v of c.violations) {
      parts.push(`<line class="violation" x1="${num(x(v.t))}" x2="${num(x(v.t))}" y1="${TOP}" y2="${height - 10}">${title(`${c.name} at ${formatMicros(v.t)}: ${v.message}`)}</line>`);
    }
  }

  const svg = `<svg class="timeline" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="Timeline of the run">` +
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" class="arrowhead"/></marker></defs>` +
    parts.join("\n") + "</svg>";
  return { svg, drawnMessages: picked.length, totalMessages: all.length, sampling };
}
