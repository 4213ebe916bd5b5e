import { formatMicros } from "../engine/core/time";
import type { RunReport } from "./report-input";
import { escapeHtml } from "./escape-markup";
import { formatCount, formatMeasured, formatSeed, plural, splitExpectation } from "./format";
import { describeFaultRecord } from "./fault-label";
import { describeEvent, indexTrace } from "./trace-index";
import { keyEvents } from "./key-events";
import { checkDetail, checkVerdict, failures, stopReasonText } from "./verdicts";
import { timelineSvg } from "./timeline-svg";
import type { TimelineOptions } from "./timeline-svg";
import type { RunResult } from "../engine/result";
import type { TextLang } from "../engine/text-lang";
import { htmlLang, notesHeading, teachingNotes } from "./teaching-notes";

/** Options of the HTML page. */
export interface HtmlOptions extends TimelineOptions {
  /**
   * Most rows in the event list. Default 1,000: a table that size stays quick to filter; a
   * longer trace lists its evidence, faults and drops instead, and the page says so.
   */
  maxListedEvents?: number;
  /** The language of the scenario's teaching notes (`--lang`); default English. */
  lang?: TextLang;
}

/** Default bound on the event list; see `HtmlOptions.maxListedEvents`. */
export const DEFAULT_LISTED_EVENTS = 1000;

/**
 * The page forbids itself every request (no network, no external script, style, font or image),
 * so it can be opened from a CI artifact or mailed around and never phones anywhere.
 */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 1260px; padding: 16px 24px; color: #1d1d1f; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 24px 0 8px; }
.ok { color: #127a2c; } .bad { color: #b3261e; } .muted { color: #666; }
code { background: #f3f3f5; padding: 1px 4px; border-radius: 3px; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #e4e4e8; vertical-align: top; }
th { font-weight: 600; background: #fafafa; }
td.t { white-space: nowrap; font-variant-numeric: tabular-nums; color: #555; }
tr.evidence td { background: #fde8e7; }
.scroll { overflow: auto; border: 1px solid #e4e4e8; border-radius: 4px; }
svg.timeline { display: block; font: 11px system-ui, sans-serif; }
.lane0 { fill: #fafafc; } .lane1 { fill: #f1f2f6; }
.node { font-weight: 600; fill: #333; } .axis { fill: #777; } .tick { stroke: #e2e2e8; }
.down { fill: #e5484d; fill-opacity: .22; } .paused { fill: #f5a623; fill-opacity: .28; } .partition { fill: #3e63dd; fill-opacity: .09; }
.msg { stroke: #5b6b7f; stroke-width: 1; fill: none; } .msg.named { stroke: #b3261e; stroke-width: 2; }
.drop line, .drop path { stroke: #d93025; stroke-width: 1.3; fill: none; } .drop line { stroke-dasharray: 4 3; }
.lost { stroke: #aaa; stroke-dasharray: 2 3; }
.arrowhead { fill: #5b6b7f; } .evidence { fill: #b3261e; } .violation { stroke: #b3261e; stroke-width: 1.5; stroke-dasharray: 6 3; }
.legend span { margin-right: 16px; white-space: nowrap; } .swatch { display: inline-block; width: 14px; height: 10px; margin-right: 4px; vertical-align: middle; }
input[type=search] { width: 320px; padding: 4px 8px; margin: 4px 0 8px; }
`;

/** Filters the event list and zooms the timeline; nothing else runs on the page. */
const SCRIPT = `
(function () {
  var filter = document.getElementById("filter");
  if (filter) {
    var rows = Array.prototype.slice.call(document.querySelectorAll("#events tbody tr"));
    filter.addEventListener("input", function () {
      var q = filter.value.toLowerCase();
      rows.forEach(function (r) { r.hidden = q !== "" && r.textContent.toLowerCase().indexOf(q) < 0; });
    });
  }
  var zoom = document.getElementById("zoom");
  var svg = document.querySelector("svg.timeline");
  if (zoom && svg) {
    var w = Number(svg.getAttribute("width")), h = Number(svg.getAttribute("height"));
    zoom.addEventListener("input", function () {
      svg.setAttribute("width", String(w * zoom.value));
      svg.setAttribute("height", String(h * zoom.value));
    });
  }
})();
`;

function checksTable(report: RunReport): string {
  const r = report.result;
  const rows: string[] = [];
  for (const c of r.checks) {
    const detail = !c.passed || c.violations.length > 0 ? checkDetail(c) : c.description;
    rows.push(`<tr><td class="${c.passed ? "ok" : "bad"}">${c.passed ? "✓" : "✗"}</td><td><code>${escapeHtml(c.name)}</code></td><td>${c.expected}</td>` +
      `<td>${escapeHtml(checkVerdict(c))}</td><td>${escapeHtml(detail)}</td></tr>`);
  }
  for (const e of r.expectations) {
    const { subject, bound } = splitExpectation(e);
    rows.push(`<tr><td class="${e.passed ? "ok" : "bad"}">${e.passed ? "✓" : "✗"}</td><td><code>${escapeHtml(subject)}</code></td><td>${escapeHtml(bound)}</td>` +
      `<td>${escapeHtml(formatMeasured(e))}</td><td>metric expectation</td></tr>`);
  }
  if (rows.length === 0) rows.push(`<tr><td></td><td colspan="4" class="muted">No checks or expectations.</td></tr>`);
  return `<table><thead><tr><th></th><th>Check or expectation</th><th>Expected</th><th>Got</th><th>Detail</th></tr></thead><tbody>${rows.join("\n")}</tbody></table>`;
}

function eventList(report: RunReport, max: number): string {
  const trace = report.trace ?? [];
  if (trace.length === 0) return `<p class="muted">No trace was recorded for this run: replay it with the trace on to list its events.</p>`;
  const index = indexTrace(trace);
  const key = keyEvents(report.result, trace, max);
  const listed = trace.length <= max ? trace : key.events;
  const note = trace.length <= max
    ? `All ${plural(trace.length, "event")} of the trace.`
    : `${formatCount(listed.length)} of ${plural(trace.length, "event")}: the trace is longer than ${formatCount(max)}, so only the evidence of violations, the faults and the drops are listed${key.omitted > 0 ? ` (${formatCount(key.omitted)} of those left out too)` : ""}.`;
  const rows = listed.map((e) =>
    `<tr${key.evidence.has(e.seq) ? ' class="evidence"' : ""}><td class="t">${escapeHtml(formatMicros(e.t))}</td><td class="t">#${e.seq}</td><td>${escapeHtml(e.kind)}</td><td>${escapeHtml(describeEvent(e, index))}</td></tr>`);
  return `<p class="muted">${note}</p><input type="search" id="filter" placeholder="Filter events (node, type, text)" aria-label="Filter events">` +
    `<table id="events"><thead><tr><th>Time</th><th>Seq</th><th>Kind</th><th>Event</th></tr></thead><tbody>\n${rows.join("\n")}\n</tbody></table>`;
}

/** The run's teaching notes, each marked with the language it is written in. */
function notesSection(r: RunResult, lang: TextLang | undefined): string {
  const notes = teachingNotes(r, lang);
  if (notes.length === 0) return "";
  return `<section><h2 lang="${htmlLang(lang ?? "en")}">${escapeHtml(notesHeading(lang))}</h2><ul class="notes">${notes.map((n) => `<li>${escapeHtml(n.at)}: <span lang="${htmlLang(n.lang)}">${escapeHtml(n.text)}</span></li>`).join("")}</ul></section>`;
}

/**
 * One run as a standalone HTML page: the verdict, the checks and expectations, the timeline (a
 * lane per node, message arrows, drops, crash and partition bands), the faults and a filterable
 * event list. It makes no request of any kind (inline CSS, inline SVG, a small inline script, and
 * a Content-Security-Policy that forbids the rest), and everything from the trace is escaped. A
 * large trace is drawn sampled and listed in part, and the page says what was left out.
 */
export function htmlReport(report: RunReport, options: HtmlOptions = {}): string {
  const r = report.result;
  const verdict = r.passed ? `<span class="ok">✓ passed</span>` : `<span class="bad">✗ failed</span>`;
  const m = r.stats.messages;
  const timeline = timelineSvg(report, options);
  const error = failures(r).find((f) => f.error);
  const faults = r.faults.length === 0 ? `<p class="muted">None.</p>` : `<ul>${r.faults.map((f) => `<li>${escapeHtml(formatMicros(f.t))}: ${escapeHtml(describeFaultRecord(f))}</li>`).join("")}</ul>`;
  const timelineNote = !report.trace
    ? `<p class="muted">No trace was recorded: only the faults from the result are drawn.</p>`
    : timeline.sampling !== "" ? `<p><strong>Sampled:</strong> ${escapeHtml(timeline.sampling)}</p>` : `<p class="muted">All ${plural(timeline.totalMessages, "message")} drawn. Hover a mark for details.</p>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${r.passed ? "✓" : "✗"} ${r.scenario} · seed ${formatSeed(r.seed)} · clustersim`)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${verdict} ${escapeHtml(r.scenario)} <span class="muted">· seed ${escapeHtml(formatSeed(r.seed))}</span></h1>
<p>${escapeHtml(formatMicros(r.stats.virtualTime))} of virtual time, ${escapeHtml(plural(r.stats.events, "event"))}; messages ${formatCount(m.sent)} sent, ${formatCount(m.delivered)} delivered, ${formatCount(m.dropped)} dropped, ${formatCount(m.duplicated)} duplicated; stopped: ${escapeHtml(stopReasonText(r.stopReason))}.</p>
${error ? `<p class="bad">${escapeHtml(error.message)}</p>` : ""}
<p>Replay: <code>${escapeHtml(r.replay)}</code><br><span class="muted">trace hash ${escapeHtml(r.traceHash ?? "not recorded")} · digest ${escapeHtml(r.digest)}</span></p>
</header>
<section><h2>Checks and expectations</h2>${checksTable(report)}</section>
<section><h2>Timeline</h2>
${timelineNote}
<p class="legend"><span><i class="swatch" style="background:#5b6b7f"></i>message</span><span><i class="swatch" style="background:#d93025"></i>dropped ×</span><span><i class="swatch" style="background:#e5484d66"></i>node down</span><span><i class="swatch" style="background:#f5a62366"></i>paused</span><span><i class="swatch" style="background:#3e63dd33"></i>partition</span><span><i class="swatch" style="background:#b3261e"></i>violation and its evidence</span>
<label>Zoom <input type="range" id="zoom" min="1" max="12" step="0.5" value="1"></label></p>
<div class="scroll">${timeline.svg}</div>
</section>
<section><h2>Faults</h2>${faults}</section>
${notesSection(r, options.lang)}
<section><h2>Events</h2>${eventList(report, options.maxListedEvents ?? DEFAULT_LISTED_EVENTS)}</section>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
