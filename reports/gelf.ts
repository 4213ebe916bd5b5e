import type { ReportInput, RunReport } from "./report-input";
import { toRunReports } from "./report-input";
import { DEFAULT_EXPORT_EPOCH, parseEpoch, secondsAt } from "./export-epoch";
import type { ExportLine, LogExportOptions } from "./export-events";
import { exportLines, hex16, runHex, runLabels } from "./export-events";

/** Syslog severities (RFC 5424), which GELF's `level` is: 3 error, 4 warning, 6 informational, 7 debug. */
const SYSLOG: Record<ExportLine["level"], number> = { error: 3, warning: 4, info: 6, debug: 7 };

/** GELF short messages are meant to be short; the whole line stays in `full_message`. */
const SHORT_MAX = 250;

/**
 * An additional field's name: GELF allows word characters, dots and dashes after the underscore,
 * and forbids `_id` (Graylog's own). Record fields are prefixed so none can be `_id`.
 */
function fieldName(key: string): string {
  return `_${key.replace(/[^\w.-]/g, "_")}`;
}

/** One GELF 1.1 message: the spec's fields, then additional fields, every value a string or a number. */
function gelfMessage(line: ExportLine, report: RunReport, epochMs: number): Record<string, string | number> {
  const run = runLabels(report);
  const m: Record<string, string | number> = {
    version: "1.1",
    host: line.node ?? "cluster",
    short_message: line.message.length > SHORT_MAX ? line.message.slice(0, SHORT_MAX - 1) + "…" : line.message,
  };
  if (line.message.length > SHORT_MAX) m.full_message = line.message;
  // GELF wants seconds since the Unix epoch with decimals; six keep virtual microseconds apart.
  m.timestamp = Number(secondsAt(epochMs, line.t));
  m.level = SYSLOG[line.level];
  m._service = line.service ?? "clustersim";
  if (line.node !== null && line.service !== null) m._address = `${line.node}/${line.service}`;
  m._dataset = `clustersim.${line.kind}`;
  if (line.action !== null) m._action = line.action;
  if (line.seq !== null) m._seq = line.seq;
  m._t_us = line.t;
  m._scenario = run.scenario;
  m._seed = run.seed;
  m._trace_hash = run.traceHash;
  if (line.call !== null) {
    m._trace_id = runHex(report) + hex16(line.call.request);
    m._span_id = hex16(line.call.request);
    m._message_id = line.call.message;
  }
  for (const [k, v] of Object.entries(line.fields)) {
    const name = fieldName(`field_${k}`);
    if (!(name in m)) m[name] = v;
  }
  return m;
}

/**
 * The run's log as GELF 1.1 messages for Graylog, one JSON object a line: `version`, `host`,
 * `short_message`, `timestamp` (seconds on the epoch, default 2026-01-01T00:00:00Z, with six
 * decimals), `level` (syslog severity) and additional fields (`_service`, `_scenario`, `_seed`,
 * `_trace_id`/`_span_id` for calls, `_field_*` for a record's fields). A GELF HTTP input with bulk
 * receiving takes the file as it is; for a GELF TCP input, end each message with a NUL byte
 * instead of the newline (`tr '\n' '\0'`).
 */
export function gelfLog(input: ReportInput, options: LogExportOptions = {}): string {
  const epochMs = options.epochMs ?? parseEpoch(DEFAULT_EXPORT_EPOCH);
  const out: string[] = [];
  for (const report of toRunReports(input)) {
    for (const line of exportLines(report, options.maxLines)) out.push(JSON.stringify(gelfMessage(line, report, epochMs)));
  }
  return out.length === 0 ? "" : out.join("\n") + "\n";
}
