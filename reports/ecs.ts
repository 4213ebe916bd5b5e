import type { ReportInput, RunReport } from "./report-input";
import { toRunReports } from "./report-input";
import { DEFAULT_EXPORT_EPOCH, isoAt, parseEpoch } from "./export-epoch";
import type { ExportLine, LogExportOptions } from "./export-events";
import { exportLines, hex16, runHex, runLabels } from "./export-events";

/**
 * The ECS version the documents conform to: the field definitions the tests validate them
 * against are those of `@elastic/ecs` 9.4.0 (the package's `EcsVersion`).
 */
export const ECS_VERSION = "9.4.0";

/** ECS wants lowercase keyword levels; these are the words Elastic's own loggers write. */
const ECS_LEVEL: Record<ExportLine["level"], string> = { debug: "debug", info: "info", warning: "warn", error: "error" };

/** A label name: ECS labels are flat keywords, so the dots of nested record fields become underscores. */
function labelName(key: string): string {
  return key.replace(/[^A-Za-z0-9_]/g, "_");
}

/**
 * One ECS document. The first keys are the ones ecs-logging puts first (`@timestamp`, `log.level`,
 * `message`, then `ecs.version`), written dotted as ecs-logging does; the rest are nested
 * objects, which Elasticsearch reads the same way. Everything the simulator adds beyond ECS is in
 * `labels` (keywords, as ECS says labels are) or in the `clustersim` namespace.
 */
function ecsDocument(line: ExportLine, report: RunReport, epochMs: number): Record<string, unknown> {
  const run = runLabels(report);
  const labels: Record<string, string> = { scenario: run.scenario, seed: run.seed, trace_hash: run.traceHash };
  for (const [k, v] of Object.entries(line.fields)) {
    const name = labelName(`field_${k}`);
    if (!(name in labels)) labels[name] = String(v);
  }
  const event: Record<string, unknown> = { kind: "event", module: "clustersim", dataset: `clustersim.${line.kind}` };
  if (line.action !== null) event.action = line.action;
  if (line.seq !== null) event.sequence = line.seq;
  if (typeof line.fields.reason === "string") event.reason = line.fields.reason;
  const doc: Record<string, unknown> = {
    "@timestamp": isoAt(epochMs, line.t),
    "log.level": ECS_LEVEL[line.level],
    message: line.message,
    "ecs.version": ECS_VERSION,
    host: { name: line.node ?? "cluster" },
    service: line.service !== null && line.node !== null ? { name: line.service, node: { name: `${line.node}/${line.service}` } } : { name: "clustersim" },
    event,
  };
  if (line.call !== null) {
    // The simulator does not carry a trace context from hop to hop, so each call (a request and
    // its reply) is a trace of its own: the run's 16 hex digits and the request's id make a
    // 32-digit W3C trace id, and the request's id is the span.
    doc.trace = { id: runHex(report) + hex16(line.call.request) };
    doc.span = { id: hex16(line.call.request) };
  }
  doc.labels = labels;
  doc.clustersim = { t_us: line.t, kind: line.kind, ...(line.call !== null ? { message_id: line.call.message } : {}) };
  return doc;
}

/**
 * The run's log as NDJSON in the Elastic Common Schema, one document a line, which Filebeat's
 * `ndjson` parser, Logstash's `json_lines` codec or Elasticsearch's bulk API take without an
 * ingest pipeline. `@timestamp` is virtual time on the epoch (default 2026-01-01T00:00:00Z) with
 * microseconds; lines are in trace order. Several runs go into one file, told apart by
 * `labels.scenario` and `labels.seed`.
 */
export function ecsLog(input: ReportInput, options: LogExportOptions = {}): string {
  const epochMs = options.epochMs ?? parseEpoch(DEFAULT_EXPORT_EPOCH);
  const out: string[] = [];
  for (const report of toRunReports(input)) {
    for (const line of exportLines(report, options.maxLines)) out.push(JSON.stringify(ecsDocument(line, report, epochMs)));
  }
  return out.length === 0 ? "" : out.join("\n") + "\n";
}
