import { formatMicros } from "../engine/core/time";
import type { RunResult } from "../engine/result";
import type { RunReport } from "./report-input";
import { formatCount, formatMeasured, formatSeed, plural, splitExpectation } from "./format";
import { describeFaultRecord } from "./fault-label";
import { mermaidSequence } from "./mermaid-sequence";
import type { SequenceOptions } from "./mermaid-sequence";
import { checkDetail, checkVerdict, failures, stopReasonText } from "./verdicts";
import { groupByScenario, suiteTotals } from "./suite";
import type { AcrossSeedsVerdict } from "../engine/check/across-seeds";
import { acrossSeedsMeasured, acrossSeedsStatusText } from "./across-seeds";
import type { TextLang } from "../engine/text-lang";
import { notesHeading, teachingNotes } from "./teaching-notes";

/** Options of the markdown summary. */
export interface MarkdownOptions extends SequenceOptions {
  /** Heading level of the report's title (2 gives `##`). Default 2, since a job summary has its own title. */
  headingLevel?: number;
  /** In a suite: how many failing scenarios get a section with their first failure's diagram. Default 5. */
  maxDetails?: number;
  /** In a suite: the verdicts of its scenarios' `acrossSeeds` claims, shown as a table of their own. */
  acrossSeeds?: readonly AcrossSeedsVerdict[];
  /** The language of the scenario's teaching notes (`--lang`); default English. */
  lang?: TextLang;
}

const PASS = "✅", FAIL = "❌";

/**
 * Text for a markdown table cell: `|` would end the cell, a line break the row, GitHub renders
 * HTML, and `[text](javascript:...)` would be a link (GitHub drops such hrefs, other renderers
 * may not), so those are escaped; a backslash before `[` and `]` keeps them as they are.
 */
export function mdCell(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\|/g, "\\|").replace(/[[\]]/g, "\\$&").replace(/\s*[\r\n]+\s*/g, " ");
}

/** Inline code for a table cell; falls back to escaped text when the value holds a backtick. */
export function mdCode(s: string): string {
  if (s.includes("`") || /[\r\n]/.test(s)) return mdCell(s);
  return "`" + s.replace(/\|/g, "\\|") + "`";
}

function heading(level: number, text: string): string {
  return `${"#".repeat(Math.min(6, Math.max(1, level)))} ${text}`;
}

/** The table of a run's checks and expectations, one row each. */
export function verdictTable(r: RunResult): string {
  const rows = ["| | Check or expectation | Expected | Got | Detail |", "|---|---|---|---|---|"];
  for (const c of r.checks) {
    const detail = !c.passed || c.violations.length > 0 ? checkDetail(c) : c.description;
    rows.push(`| ${c.passed ? PASS : FAIL} | ${mdCode(c.name)} | ${c.expected} | ${mdCell(checkVerdict(c))} | ${mdCell(detail)} |`);
  }
  for (const e of r.expectations) {
    const { subject, bound } = splitExpectation(e);
    rows.push(`| ${e.passed ? PASS : FAIL} | ${mdCode(subject)} | ${mdCell(bound)} | ${mdCell(formatMeasured(e))} | metric expectation |`);
  }
  if (rows.length === 2) rows.push("| | no checks or expectations | | | |");
  return rows.join("\n");
}

/** A fenced code block whose fence is longer than any backtick run inside it. */
function fence(lang: string, body: string): string {
  const longest = Math.max(2, ...(body.match(/`+/g) ?? []).map((m) => m.length));
  const f = "`".repeat(longest + 1);
  return `${f}${lang}\n${body}\n${f}`;
}

/** The diagram section of one run, or an explanation of why there is none. */
function violationSection(report: RunReport, level: number, options: MarkdownOptions): string[] {
  const r = report.result;
  const d = mermaidSequence(r, report.trace, options);
  if (d === null) {
    const hasViolation = r.checks.some((c) => c.violations.length > 0);
    if (!hasViolation) return [];
    return ["", heading(level, "First violation"), "", "_No trace was recorded, so no sequence diagram: replay with the trace on to see the events._"];
  }
  const v = d.violation;
  const out = ["", heading(level, `First violation: ${mdCell(v.check)} at ${formatMicros(v.t)}`), "", `> ${mdCell(v.message)}`, ""];
  out.push(fence("mermaid", d.text));
  const left = d.omittedBefore + d.omittedBetween + d.omittedAfter;
  const note = left > 0
    ? `Showing ${plural(d.shown, "event")} from ${formatMicros(d.from)} to ${formatMicros(d.to)}; ${formatCount(left)} more (${formatCount(d.omittedBefore)} before, ${formatCount(d.omittedBetween)} between, ${formatCount(d.omittedAfter)} after) are in the trace.`
    : `Showing all ${plural(d.shown, "event")} from ${formatMicros(d.from)} to ${formatMicros(d.to)}.`;
  out.push("", `<sub>${note} Drops are drawn as \`-x\`, faults and timers as notes, the violation's evidence in red.</sub>`);
  return out;
}

/**
 * One run as a markdown summary fit for a CI job summary (`$GITHUB_STEP_SUMMARY`): verdict, a
 * table of checks and expectations, the faults, a mermaid sequence diagram of the events around
 * the first violation, and the command that replays the run.
 */
export function markdownReport(report: RunReport, options: MarkdownOptions = {}): string {
  const r = report.result;
  const level = options.headingLevel ?? 2;
  const out = [heading(level, `${r.passed ? PASS : FAIL} ${mdCell(r.scenario)} · seed ${mdCell(formatSeed(r.seed))} — ${r.passed ? "passed" : "failed"}`), ""];
  const m = r.stats.messages;
  out.push(`${formatMicros(r.stats.virtualTime)} of virtual time, ${plural(r.stats.events, "event")}; ` +
    `messages ${formatCount(m.sent)} sent, ${formatCount(m.delivered)} delivered, ${formatCount(m.dropped)} dropped; ` +
    `stopped: ${stopReasonText(r.stopReason)}.`, "");
  out.push(verdictTable(r));
  const error = failures(r).find((f) => f.error);
  if (error) out.push("", `**Error:** ${mdCell(error.message)}`);
  out.push("", heading(level + 1, "Faults"), "");
  if (r.faults.length === 0) out.push("None.");
  for (const f of r.faults) out.push(`- ${formatMicros(f.t)}: ${mdCell(describeFaultRecord(f))}`);
  out.push(...violationSection(report, level + 1, options));
  const notes = teachingNotes(r, options.lang);
  if (notes.length > 0) {
    out.push("", heading(level + 1, notesHeading(options.lang)), "");
    for (const n of notes) out.push(`- ${n.at}: ${mdCell(n.text)}`);
  }
  out.push("", heading(level + 1, "Replay"), "", fence("sh", r.replay), "");
  out.push(`seed \`${mdCell(formatSeed(r.seed))}\` · trace hash ${r.traceHash === null ? "not recorded" : `\`${r.traceHash}\``} · digest \`${r.digest}\``);
  return out.join("\n") + "\n";
}

function seedsText(runs: readonly RunResult[]): string {
  const seeds = runs.map((r) => r.seed);
  if (seeds.length > 1 && seeds.every((s) => typeof s === "number")) {
    const nums = seeds as number[];
    const contiguous = nums.every((s, i) => i === 0 || s === nums[i - 1] + 1);
    if (contiguous) return `${formatCount(nums.length)} (${nums[0]}..${nums[nums.length - 1]})`;
  }
  return formatCount(seeds.length);
}

function isRunReport(x: RunResult | RunReport): x is RunReport {
  return "result" in x && typeof (x as RunReport).result === "object";
}

/**
 * Many runs (scenarios × seeds) as one markdown summary: totals, then one table with a row per
 * scenario, failing ones first, each with its first failing seed, the reason and the replay
 * command. When the failing runs come with their traces, the first few failing scenarios also
 * get their first failure's sequence diagram.
 */
export function markdownSuite(runs: readonly (RunResult | RunReport)[], options: MarkdownOptions = {}): string {
  const reports = runs.map((x) => (isRunReport(x) ? x : { result: x, trace: null }));
  const results = reports.map((x) => x.result);
  const traceOf = new Map(reports.map((x) => [x.result, x.trace] as const));
  const level = options.headingLevel ?? 2;
  const t = suiteTotals(results);
  const title = t.failed === 0
    ? `${PASS} All ${plural(t.runs, "run")} passed (${plural(t.scenarios, "scenario")})`
    : `${FAIL} ${formatCount(t.failed)} of ${plural(t.runs, "run")} failed (${plural(t.scenarios, "scenario")})`;
  const out = [heading(level, title), ""];
  out.push("| | Scenario | Seeds | Failed | First failing seed | Reason | Replay |", "|---|---|---|---|---|---|---|");
  const groups = groupByScenario(results);
  for (const g of groups) {
    const first = g.firstFailing;
    const reason = first ? failures(first)[0]?.message ?? "" : "";
    out.push(`| ${first ? FAIL : PASS} | ${mdCode(g.scenario)} | ${seedsText(g.runs)} | ${formatCount(g.failed.length)} | ` +
      `${first ? mdCell(formatSeed(first.seed)) : ""} | ${mdCell(reason)} | ${first ? mdCode(first.replay) : ""} |`);
  }
  const across = options.acrossSeeds ?? [];
  if (across.length > 0) {
    const refuted = across.filter((v) => !v.passed).length;
    out.push("", heading(level + 1, `${refuted === 0 ? PASS : FAIL} Across seeds: ${refuted === 0 ? `${plural(across.length, "claim")} held` : `${formatCount(refuted)} of ${plural(across.length, "claim")} failed`}`), "");
    out.push("| | Scenario | Claim | Measured over the seeds | Verdict |", "|---|---|---|---|---|");
    for (const v of across) {
      out.push(`| ${v.passed ? PASS : FAIL} | ${mdCode(v.scenario)} | ${mdCode(v.text)} | ${mdCell(acrossSeedsMeasured(v))} | ${mdCell(acrossSeedsStatusText(v))} |`);
    }
  }
  let details = 0;
  for (const g of groups) {
    if (g.firstFailing === undefined || details >= (options.maxDetails ?? 5)) continue;
    const trace = traceOf.get(g.firstFailing);
    if (!trace) continue;
    details++;
    out.push("", "<details>", `<summary>${mdCell(g.scenario)}, seed ${mdCell(formatSeed(g.firstFailing.seed))}</summary>`, "");
    out.push(markdownReport({ result: g.firstFailing, trace }, { ...options, headingLevel: level + 1 }).trimEnd());
    out.push("", "</details>");
  }
  return out.join("\n") + "\n";
}
