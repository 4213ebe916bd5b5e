export type { RunReport, ReportInput } from "./report-input";
export { toRunReports } from "./report-input";
export { ReportError } from "./report-error";
export type { ReportErrorCode } from "./report-error";
export { terminalReport, terminalSuite, terminalAcrossSeeds } from "./terminal";
export { acrossSeedsLine, acrossSeedsMeasured, acrossSeedsStatusText } from "./across-seeds";
export type { TerminalOptions } from "./terminal";
export { jsonReport, jsonSuite, stableStringify, RESULT_KEY_ORDER } from "./json";
export { markdownReport, markdownSuite } from "./markdown";
export type { MarkdownOptions } from "./markdown";
export { mermaidSequence, DEFAULT_SEQUENCE_EVENTS } from "./mermaid-sequence";
export type { SequenceDiagram, SequenceOptions } from "./mermaid-sequence";
export { junitReport, junitSuite } from "./junit";
export type { JUnitOptions } from "./junit";
export { htmlReport, DEFAULT_LISTED_EVENTS } from "./html";
export type { HtmlOptions } from "./html";
export { timelineSvg, DEFAULT_TIMELINE_MESSAGES } from "./timeline-svg";
export type { Timeline, TimelineOptions } from "./timeline-svg";
export { perfettoTrace, DEFAULT_PERFETTO_EVENTS } from "./perfetto";
export type { ChromeTraceEvent, PerfettoOptions } from "./perfetto";
export { renderReports, parseReportKinds, REPORT_KINDS } from "./render-reports";
export type { ReportKind, RenderOptions } from "./render-reports";
// The one export that touches the file system (node:fs). Browser code imports the writers it
// needs from their own files, or from render-reports, rather than from this index.
export { writeReports, nodeWriteOps } from "./write-files";
export type { WriteOps } from "./write-files";
