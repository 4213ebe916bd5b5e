import type { RunResult } from "../engine/result";
import type { ReportInput, RunReport } from "./report-input";
import { toRunReports } from "./report-input";
import { ReportError } from "./report-error";
import { formatSeed, slug } from "./format";
import { jsonReport, jsonSuite } from "./json";
import { markdownReport, markdownSuite } from "./markdown";
import type { MarkdownOptions } from "./markdown";
import { junitSuite } from "./junit";
import type { JUnitOptions } from "./junit";
import { htmlReport } from "./html";
import type { HtmlOptions } from "./html";
import { perfettoTrace } from "./perfetto";
import type { PerfettoOptions } from "./perfetto";
import { terminalReport, terminalSuite } from "./terminal";
import { ecsLog } from "./ecs";
import { gelfLog } from "./gelf";
import type { LogExportOptions } from "./export-events";
import { openMetrics } from "./openmetrics";
import type { TextLang } from "../engine/text-lang";

/** The report kinds `--report` accepts. */
export const REPORT_KINDS = ["json", "md", "junit", "html", "perfetto", "text", "ecs", "gelf", "openmetrics"] as const;

/** One report kind. */
export type ReportKind = (typeof REPORT_KINDS)[number];

/** Other spellings people type, mapped to the kind. */
const ALIASES: Record<string, ReportKind> = { markdown: "md", xml: "junit", txt: "text", chrome: "perfetto", elastic: "ecs", graylog: "gelf", prometheus: "openmetrics", om: "openmetrics" };

/** Options of `renderReports`, one object per writer. */
export interface RenderOptions {
  markdown?: MarkdownOptions;
  junit?: JUnitOptions;
  html?: HtmlOptions;
  perfetto?: PerfettoOptions;
  /**
   * The ecs, gelf and openmetrics exports: the epoch virtual time is laid on (`epochMs`, from
   * `parseEpoch`; default 2026-01-01T00:00:00Z) and the bound on log lines per run.
   */
  exports?: LogExportOptions;
  /**
   * Which runs of a many-run input get their own HTML and Perfetto files. Default: `all` for a
   * single run, `failing` for many, since a sweep of 500 seeds wants the failures, not 500 pages.
   */
  perRun?: "all" | "failing";
  /**
   * The language of scenario texts (the teaching notes) in the md and html reports, `--lang`;
   * a note without a translation into it is shown in English. Default English.
   */
  lang?: TextLang;
}

function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length][b.length];
}

/**
 * Reads `--report` values: each may hold several kinds separated by commas (`json,md`); case and
 * spaces do not matter; repeats count once. An unknown kind is an error that lists the valid
 * ones and suggests the nearest.
 */
export function parseReportKinds(kinds: readonly string[]): ReportKind[] {
  const out: ReportKind[] = [];
  for (const raw of kinds.flatMap((k) => k.split(","))) {
    const k = raw.trim().toLowerCase();
    if (k === "") continue;
    const kind = (REPORT_KINDS as readonly string[]).includes(k) ? (k as ReportKind) : ALIASES[k];
    if (kind === undefined) {
      const names = [...REPORT_KINDS, ...Object.keys(ALIASES)];
      const near = names.map((n) => [n, distance(k, n)] as const).sort((a, b) => a[1] - b[1])[0];
      const hint = near !== undefined && near[1] <= 2 ? ` Did you mean "${ALIASES[near[0]] ?? near[0]}"?` : "";
      throw new ReportError("CS811", `--report: unknown report kind "${raw.trim()}". Valid kinds: ${REPORT_KINDS.join(", ")}.${hint}`);
    }
    if (!out.includes(kind)) out.push(kind);
  }
  if (out.length === 0) throw new ReportError("CS812", `--report needs at least one kind, for example --report json,md. Valid kinds: ${REPORT_KINDS.join(", ")}.`);
  return out;
}

/**
 * File names of a run's own files in a many-run input: `<scenario>-seed-<seed>`, made unique
 * if two scenario names reduce to the same slug.
 */
function runStems(runs: readonly RunReport[]): Map<RunReport, string> {
  const stems = new Map<RunReport, string>();
  const used = new Set<string>();
  for (const r of runs) {
    const base = `${slug(r.result.scenario)}-seed-${slug(formatSeed(r.result.seed))}`;
    let stem = base;
    for (let n = 2; used.has(stem); n++) stem = `${base}-${n}`;
    used.add(stem);
    stems.set(r, stem);
  }
  return stems;
}

/**
 * Renders the requested report kinds for one run or many, as file name → content, for the CLI's
 * `--report json,md,junit,html,perfetto,text --out DIR` (which writes them with `writeReports`).
 *
 * One run: `result.json`, `summary.md`, `junit.xml`, `timeline.html`, `trace.perfetto.json`,
 * `summary.txt`, `logs.ecs.ndjson`, `logs.gelf.ndjson`, `metrics.openmetrics.txt`. Many runs: `results.json`, `summary.md` and `summary.txt` for the whole suite,
 * `junit.xml` with a test case per scenario × seed, and `timeline-<scenario>-seed-<n>.html` and
 * `perfetto-<scenario>-seed-<n>.json` for each failing run (or every run with `perRun: "all"`);
 * the three exports hold every run in one file each, told apart by scenario and seed fields.
 */
export function renderReports(kinds: readonly string[], input: ReportInput, options: RenderOptions = {}): Record<string, string> {
  const wanted = parseReportKinds(kinds);
  const runs = toRunReports(input);
  const single = !Array.isArray(input);
  const results: RunResult[] = runs.map((r) => r.result);
  const perRun = options.perRun ?? (single ? "all" : "failing");
  const own = runs.filter((r) => perRun === "all" || !r.result.passed);
  const stems = runStems(runs);
  const files: Record<string, string> = {};
  for (const kind of wanted) {
    switch (kind) {
      case "json":
        if (single) files["result.json"] = jsonReport(runs[0].result);
        else files["results.json"] = jsonSuite(results);
        break;
      case "md":
        files["summary.md"] = single ? markdownReport(runs[0], { lang: options.lang, ...options.markdown }) : markdownSuite(runs, options.markdown);
        break;
      case "text":
        files["summary.txt"] = single ? terminalReport(runs[0]) : terminalSuite(results);
        break;
      case "junit":
        files["junit.xml"] = junitSuite(results, options.junit);
        break;
      case "html":
        for (const r of own) files[single ? "timeline.html" : `timeline-${stems.get(r)}.html`] = htmlReport(r, { lang: options.lang, ...options.html });
        break;
      case "perfetto":
        for (const r of own) files[single ? "trace.perfetto.json" : `perfetto-${stems.get(r)}.json`] = perfettoTrace(r, options.perfetto);
        break;
      case "ecs":
        files["logs.ecs.ndjson"] = ecsLog(runs, options.exports);
        break;
      case "gelf":
        files["logs.gelf.ndjson"] = gelfLog(runs, options.exports);
        break;
      case "openmetrics":
        files["metrics.openmetrics.txt"] = openMetrics(runs, options.exports);
        break;
    }
  }
  return files;
}
