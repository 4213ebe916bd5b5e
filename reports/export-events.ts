import type { Json } from "../engine/core/json";
import type { Micros } from "../engine/core/time";
import type { TraceEvent, TraceKind } from "../engine/trace/trace-event";
import type { RunReport } from "./report-input";
import { formatSeed } from "./format";
import { describeFaultAction, isFaultEvent } from "./fault-label";
import { describeEvent, eventAddress, indexTrace, nodeOfAddress } from "./trace-index";

/** How serious a log line is, in the words both ECS (`log.level`) and syslog (GELF `level`) map from. */
export type ExportLevel = "debug" | "info" | "warning" | "error";

/** Options shared by the ecs and gelf exports. */
export interface LogExportOptions {
  /** The wall-clock time of virtual time 0, from `parseEpoch` (default 2026-01-01T00:00:00Z). */
  epochMs?: number;
  /**
   * Most log lines written per run. Default 100,000, a few tens of megabytes of NDJSON, which
   * Filebeat or a Graylog input takes in seconds. The exports read only what the reports already
   * hold (the trace's ring of latest events and the faults kept beside it), never the whole
   * history of a long run; past the bound the rest is cut and a last line says how many.
   */
  maxLines?: number;
}

/** Default bound on log lines per run; see `LogExportOptions.maxLines`. */
export const DEFAULT_EXPORT_LINES = 100_000;

/** One log line, before it is put in a format: what happened, where, when and how bad. */
export interface ExportLine {
  t: Micros;
  seq: number | null;
  level: ExportLevel;
  message: string;
  /** The node, or null for the network and the run itself. */
  node: string | null;
  /** The process name (the part of the address after the node), when one is involved. */
  service: string | null;
  /** The trace event kind, or `fault`/`check`/`note` for lines made from the result alone. */
  kind: TraceKind | "fault" | "note";
  /** The record's event name, the message's type, or the check's name. */
  action: string | null;
  /** For messages: the call's request id (the request's own id, or the id a reply answers). */
  call: { request: number; message: number; reply: boolean } | null;
  /** Further facts as flat strings and numbers (record fields, drop reasons, check verdicts). */
  fields: Record<string, string | number>;
}

/** Which trace events become log lines: timers, state patches and metric samples are left to the other reports. */
const LOGGED: ReadonlySet<TraceKind> = new Set(["start", "send", "deliver", "drop", "log", "record", "check", "end", "crash", "restart", "pause", "resume", "partition", "heal", "clock", "link"]);

/** Flattens a JSON value into `prefix.key` → string or number, keeping the line's field count bounded. */
function flatten(value: Json | undefined, prefix: string, out: Record<string, string | number>, budget = { n: 64 }): void {
  if (budget.n <= 0 || value === undefined) return;
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const k of Object.keys(value).sort()) flatten(value[k], prefix === "" ? k : `${prefix}.${k}`, out, budget);
    return;
  }
  budget.n--;
  out[prefix === "" ? "value" : prefix] = typeof value === "number" && Number.isFinite(value) ? value : typeof value === "string" ? value : JSON.stringify(value);
}

function levelOf(e: TraceEvent): ExportLevel {
  if (e.kind === "check") return e.status === "violated" ? "error" : "info";
  if (e.kind === "drop" || isFaultEvent(e)) return "warning";
  if (e.kind === "send" || e.kind === "deliver") return "debug";
  if (e.kind === "log" && typeof e.level === "string") {
    const l = e.level.toLowerCase();
    if (l.startsWith("err") || l === "fatal") return "error";
    if (l.startsWith("warn")) return "warning";
    if (l === "debug" || l === "trace") return "debug";
  }
  return "info";
}

function lineOf(e: TraceEvent, message: string): ExportLine {
  const index = indexTrace([]);
  const address = eventAddress(e, index);
  const node = e.node ?? (address !== undefined ? nodeOfAddress(address) : null);
  const service = address !== undefined && address.includes("/") ? address.slice(address.indexOf("/") + 1) : e.proc ?? null;
  const fields: Record<string, string | number> = {};
  let action: string | null = null;
  let call: ExportLine["call"] = null;
  switch (e.kind) {
    case "record":
      action = typeof e.event === "string" ? e.event : null;
      flatten(e.fields, "", fields);
      break;
    case "log":
      flatten(e.fields, "", fields);
      break;
    case "send": case "deliver": case "drop":
      action = e.type ?? null;
      if (e.id !== undefined) {
        const reply = typeof e.reply === "number";
        call = { request: reply ? (e.reply as number) : e.id, message: e.id, reply };
      }
      if (e.from !== undefined) fields.from = e.from;
      if (e.to !== undefined) fields.to = e.to;
      if (e.reason !== undefined) fields.reason = e.reason;
      break;
    case "check":
      action = typeof e.name === "string" ? e.name : null;
      if (typeof e.status === "string") fields.status = e.status;
      break;
    case "end":
      if (e.reason !== undefined) fields.reason = e.reason;
      break;
    default:
      if (typeof e.fault === "string") fields.fault = e.fault;
  }
  return { t: e.t, seq: e.seq, level: levelOf(e), message, node, service, kind: e.kind, action, call, fields };
}

/**
 * A run's log lines in time order, bounded by `max`: every logged trace event the report holds,
 * or, for a run reported without its trace (a passing seed of a sweep), its faults and check
 * verdicts from the result alone. The last line says what was cut, if anything was.
 */
export function exportLines(report: RunReport, max = DEFAULT_EXPORT_LINES): ExportLine[] {
  const r = report.result;
  const out: ExportLine[] = [];
  const trace = report.trace;
  if (trace !== undefined && trace !== null && trace.length > 0) {
    const index = indexTrace(trace);
    let cut = 0;
    for (const e of trace) {
      if (!LOGGED.has(e.kind)) continue;
      if (out.length >= max) { cut++; continue; }
      out.push(lineOf(e, describeEvent(e, index)));
    }
    if (trace.length < r.stats.traceEvents || cut > 0) {
      const kept = trace.length;
      const note = `${cut > 0 ? `${cut} more log line(s) cut (maxLines ${max}); ` : ""}the report held ${kept} of the run's ${r.stats.traceEvents} trace events (the trace keeps the latest ones and every fault)`;
      out.push({ t: trace[trace.length - 1].t, seq: null, level: "info", message: note, node: null, service: null, kind: "note", action: "export-cut", call: null, fields: {} });
    }
    return out;
  }
  for (const f of r.faults.slice(0, max)) {
    const node = "node" in f.fault && typeof f.fault.node === "string" ? f.fault.node : null;
    out.push({ t: f.t, seq: null, level: "warning", message: describeFaultAction(f.fault), node, service: null, kind: "fault", action: f.fault.action, call: null, fields: { source: f.source } });
  }
  for (const c of r.checks) {
    const level: ExportLevel = c.passed ? "info" : "error";
    out.push({ t: r.stats.virtualTime, seq: null, level, message: `check ${c.name}: ${c.status} (expected to ${c.expected})`, node: null, service: null, kind: "check", action: c.name, call: null, fields: { status: c.status, expected: c.expected, violations: c.violations.length } });
  }
  return out.sort((a, b) => a.t - b.t);
}

/** What identifies a run in every line: scenario, seed, trace hash. */
export function runLabels(report: RunReport): { scenario: string; seed: string; traceHash: string } {
  return { scenario: report.result.scenario, seed: formatSeed(report.result.seed), traceHash: report.result.traceHash ?? report.result.digest };
}

/** 16 lowercase hex digits of a number (a message id as a W3C span id, say). */
export function hex16(n: number): string {
  return Math.max(0, Math.floor(n)).toString(16).padStart(16, "0").slice(-16);
}

/** 16 hex digits naming the run, from its trace hash or digest (both are 16 hex digits already). */
export function runHex(report: RunReport): string {
  const h = (report.result.traceHash ?? report.result.digest ?? "").toLowerCase().replace(/[^0-9a-f]/g, "");
  return (h + "0".repeat(16)).slice(0, 16);
}
