import type { Micros } from "../engine/core/time";
import type { TraceEvent } from "../engine/trace/trace-event";
import type { RunReport } from "./report-input";
import { formatSeed } from "./format";
import { describeFaultAction, describeFaultEvent, isFaultEvent } from "./fault-label";
import { describeEvent, eventAddress, indexTrace, messageOf, nodeOfAddress } from "./trace-index";
import type { TraceIndex } from "./trace-index";

/** Options of the Perfetto writer. */
export interface PerfettoOptions {
  /**
   * Most trace events turned into trace-event JSON. Default 250,000: about 70 MB of JSON, which
   * ui.perfetto.dev opens in a browser tab in seconds; the JSON importer slows sharply past a few
   * hundred megabytes. The rest is cut, and the file says so.
   */
  maxEvents?: number;
}

/** Default bound on converted events; see `PerfettoOptions.maxEvents`. */
export const DEFAULT_PERFETTO_EVENTS = 250_000;

/** One Chrome trace event (the JSON Object Format that Perfetto and chrome://tracing read). */
export interface ChromeTraceEvent {
  name: string;
  ph: "X" | "i" | "s" | "f" | "C" | "M";
  ts?: number;
  dur?: number;
  pid: number;
  tid?: number;
  id?: number;
  cat?: string;
  s?: "g" | "p" | "t";
  bp?: "e";
  args?: Record<string, unknown>;
}

/**
 * Handlers take no virtual time, but a flow arrow can only attach to a slice that has a length,
 * so each activity is drawn one microsecond wide: nothing else can happen on that process
 * within it, since events at the same microsecond are grouped into the same slice.
 */
const SLICE_US = 1;

/** Threads are numbered apart from processes (pid × 10000 + n) so no tid is ever read as a pid. */
const TID_STRIDE = 10_000;

/** Most event lines listed in one slice's arguments. */
const MAX_ARGS_EVENTS = 20;

interface Layout {
  pidOf: Map<string, number>;
  tidOf: Map<string, number>;
  clusterPid: number;
}

function layout(report: RunReport, trace: readonly TraceEvent[], index: TraceIndex, out: ChromeTraceEvent[]): Layout {
  const nodes: string[] = [];
  const procs: string[] = [];
  const seenNode = new Set<string>(), seenProc = new Set<string>();
  const addNode = (n: string): void => { if (!seenNode.has(n)) { seenNode.add(n); nodes.push(n); } };
  const addProc = (a: string): void => { addNode(nodeOfAddress(a)); if (!seenProc.has(a)) { seenProc.add(a); procs.push(a); } };
  for (const e of trace) {
    if (e.node !== undefined) addNode(e.node);
    const a = eventAddress(e, index);
    if (a !== undefined) addProc(a);
    const m = messageOf(e, index);
    if (m !== undefined) { addProc(m.from); addProc(m.to); }
  }
  for (const f of report.result.faults) if ("node" in f.fault && typeof f.fault.node === "string") addNode(f.fault.node);

  const pidOf = new Map<string, number>(), tidOf = new Map<string, number>();
  nodes.forEach((n, i) => {
    const pid = i + 1;
    pidOf.set(n, pid);
    out.push({ name: "process_name", ph: "M", pid, args: { name: n } });
    out.push({ name: "process_sort_index", ph: "M", pid, args: { sort_index: i } });
    // A thread for what happens to the node itself: down and paused spans.
    out.push({ name: "thread_name", ph: "M", pid, tid: pid * TID_STRIDE, args: { name: "node" } });
    out.push({ name: "thread_sort_index", ph: "M", pid, tid: pid * TID_STRIDE, args: { sort_index: 0 } });
  });
  const perNode = new Map<string, number>();
  for (const a of procs) {
    const node = nodeOfAddress(a);
    const pid = pidOf.get(node)!;
    const n = (perNode.get(node) ?? 0) + 1;
    perNode.set(node, n);
    const tid = pid * TID_STRIDE + n;
    tidOf.set(a, tid);
    out.push({ name: "thread_name", ph: "M", pid, tid, args: { name: a.slice(node.length + 1) || a } });
    out.push({ name: "thread_sort_index", ph: "M", pid, tid, args: { sort_index: n } });
  }
  const clusterPid = nodes.length + 1;
  out.push({ name: "process_name", ph: "M", pid: clusterPid, args: { name: "cluster (network faults and metrics)" } });
  out.push({ name: "process_sort_index", ph: "M", pid: clusterPid, args: { sort_index: nodes.length } });
  return { pidOf, tidOf, clusterPid };
}

/** The name of the slice for a group of events at one process and one microsecond. */
function sliceName(group: readonly TraceEvent[], index: TraceIndex): string {
  const lead = group.find((e) => e.kind === "deliver" || e.kind === "timer" || e.kind === "start" || e.kind === "drop") ?? group[0];
  const m = messageOf(lead, index);
  switch (lead.kind) {
    case "deliver": return `recv ${m?.type ?? "?"}`;
    case "drop": return `drop ${m?.type ?? "?"}: ${lead.reason ?? "?"}`;
    case "timer": return `timer ${typeof lead.label === "string" ? lead.label : ""}`.trimEnd();
    case "start": return "start";
    case "send": return `send ${m?.type ?? "?"}`;
    default: return lead.kind;
  }
}

/**
 * The run as Chrome trace event JSON that ui.perfetto.dev opens: a process per node (named with
 * `process_name` metadata) with a thread per process and one for the node itself; a slice for
 * each moment a process handled something (a delivery, a timer, a start); flow arrows from each
 * send to its delivery or drop; global instants for faults and down/paused spans on the node's
 * thread; and counters from the metrics timeline. Timestamps are virtual microseconds.
 */
export function perfettoTrace(report: RunReport, options: PerfettoOptions = {}): string {
  const r = report.result;
  const max = options.maxEvents ?? DEFAULT_PERFETTO_EVENTS;
  const full = report.trace ?? [];
  const trace = full.length > max ? full.slice(0, max) : full;
  const index = indexTrace(trace);
  const out: ChromeTraceEvent[] = [];
  const { pidOf, tidOf, clusterPid } = layout(report, trace, index, out);
  const where = (a: string): { pid: number; tid: number } => {
    const pid = pidOf.get(nodeOfAddress(a)) ?? clusterPid;
    return { pid, tid: tidOf.get(a) ?? pid * TID_STRIDE };
  };

  // Group each process's events by microsecond: one slice each. The trace is in time order, so
  // a process's group for one microsecond is complete once any later event of it appears, and
  // one open group per process is all the bookkeeping needed.
  const groups: Array<{ address: string; events: TraceEvent[] }> = [];
  const current = new Map<string, { address: string; events: TraceEvent[] }>();
  const placeOf = (e: TraceEvent): string | undefined => {
    if (e.kind === "drop") {
      const m = messageOf(e, index);
      if (m !== undefined) return e.reason === "sender-down" ? m.from : m.to;
    }
    return eventAddress(e, index);
  };
  for (const e of trace) {
    if (isFaultEvent(e)) continue;
    const a = placeOf(e);
    if (a === undefined) continue;
    const open = current.get(a);
    if (open !== undefined && open.events[0].t === e.t) {
      open.events.push(e);
      continue;
    }
    const g = { address: a, events: [e] };
    current.set(a, g);
    groups.push(g);
  }
  for (const { address, events: g } of groups) {
    const lines = g.slice(0, MAX_ARGS_EVENTS).map((e) => describeEvent(e, index));
    if (g.length > MAX_ARGS_EVENTS) lines.push(`… ${g.length - MAX_ARGS_EVENTS} more`);
    out.push({ name: sliceName(g, index), ph: "X", cat: "handler", ts: g[0].t, dur: SLICE_US, ...where(address), args: { events: lines, seq: g[0].seq } });
  }

  // Flows: one per (send, outcome) pair, so a duplicated message gets two arrows.
  let flowId = 0;
  for (const m of index.messages.values()) {
    if (m.send === undefined) continue;
    for (const o of m.outcomes) {
      flowId++;
      const name = m.type;
      const to = o.kind === "drop" && o.reason === "sender-down" ? m.from : m.to;
      out.push({ name, ph: "s", cat: "message", id: flowId, ts: m.send.t, ...where(m.from), args: { message: m.id } });
      out.push({ name, ph: "f", bp: "e", cat: "message", id: flowId, ts: o.t, ...where(to), args: { message: m.id, outcome: o.kind === "drop" ? `dropped: ${o.reason ?? "?"}` : "delivered" } });
    }
  }

  // Faults: global instants, and down or paused spans on the node's own thread.
  const openSince = new Map<string, { t: Micros; what: string }>();
  for (const e of trace) {
    if (!isFaultEvent(e)) continue;
    const pid = e.node !== undefined ? pidOf.get(e.node) ?? clusterPid : clusterPid;
    out.push({ name: describeFaultEvent(e), ph: "i", s: "g", cat: "fault", ts: e.t, pid, tid: pid * TID_STRIDE, args: { seq: e.seq } });
    if (e.node === undefined) continue;
    if (e.kind === "crash" || e.kind === "pause") openSince.set(e.node, { t: e.t, what: e.kind === "crash" ? "down" : "paused" });
    if (e.kind === "restart" || e.kind === "resume") {
      const open = openSince.get(e.node);
      if (open !== undefined) {
        out.push({ name: open.what, ph: "X", cat: "fault", ts: open.t, dur: Math.max(SLICE_US, e.t - open.t), pid, tid: pid * TID_STRIDE });
        openSince.delete(e.node);
      }
    }
  }
  const end = trace.length > 0 ? trace[trace.length - 1].t : r.stats.virtualTime;
  for (const [node, open] of openSince) {
    const pid = pidOf.get(node)!;
    out.push({ name: `${open.what} (until the end)`, ph: "X", cat: "fault", ts: open.t, dur: Math.max(SLICE_US, end - open.t), pid, tid: pid * TID_STRIDE });
  }
  if (trace.length === 0) {
    // No trace: the result's fault list still says what happened and when.
    for (const f of r.faults) {
      const node = "node" in f.fault && typeof f.fault.node === "string" ? f.fault.node : undefined;
      const pid = node !== undefined ? pidOf.get(node) ?? clusterPid : clusterPid;
      out.push({ name: describeFaultAction(f.fault), ph: "i", s: "g", cat: "fault", ts: f.t, pid, tid: pid * TID_STRIDE, args: { source: f.source } });
    }
  }

  // Counters from the metrics timeline.
  for (const p of r.metrics.series) {
    for (const name of Object.keys(p.counters).sort()) out.push({ name, ph: "C", cat: "metric", ts: p.t, pid: clusterPid, args: { value: p.counters[name] } });
    for (const name of Object.keys(p.gauges).sort()) out.push({ name, ph: "C", cat: "metric", ts: p.t, pid: clusterPid, args: { value: p.gauges[name] } });
    for (const name of Object.keys(p.histograms).sort()) {
      const h = p.histograms[name];
      out.push({ name, ph: "C", cat: "metric", ts: p.t, pid: clusterPid, args: { count: h.count, mean: h.mean, p99: h.p99 } });
    }
  }

  if (full.length > trace.length) {
    out.push({ name: `trace cut here: ${full.length - trace.length} more events not converted (maxEvents ${max})`, ph: "i", s: "g", cat: "note", ts: end, pid: clusterPid, tid: clusterPid * TID_STRIDE });
  }
  const otherData = {
    scenario: r.scenario,
    seed: formatSeed(r.seed),
    traceHash: r.traceHash ?? "not recorded",
    replay: r.replay,
    timeUnit: "virtual microseconds",
    convertedEvents: trace.length,
    traceEvents: full.length,
  };
  return `{"displayTimeUnit":"ms","otherData":${JSON.stringify(otherData)},"traceEvents":[\n${out.map((e) => JSON.stringify(e)).join(",\n")}\n]}\n`;
}
