import { formatMicros } from "../engine/core/time";
import type { RunResult } from "../engine/result";
import type { RunReport } from "./report-input";
import { formatCount, formatSeed, formatMeasured, expectationText, plural } from "./format";
import { describeFaultRecord } from "./fault-label";
import { describeEvent, indexTrace } from "./trace-index";
import { keyEvents } from "./key-events";
import { checkDetail, checkVerdict, failures, stopReasonText } from "./verdicts";
import { groupByScenario, suiteTotals } from "./suite";
import type { AcrossSeedsVerdict } from "../engine/check/across-seeds";
import { acrossSeedsMeasured, acrossSeedsStatusText } from "./across-seeds";

/** Options of the terminal summary. */
export interface TerminalOptions {
  /** ANSI colours; the CLI turns them on for a TTY without NO_COLOR. Default false. */
  color?: boolean;
  /** Most trace events listed under "Key events". Default 15. */
  maxKeyEvents?: number;
}

/** Default number of key events: enough for a violation's story, short enough to read at once. */
const DEFAULT_MAX_KEY_EVENTS = 15;

type Paint = (s: string) => string;
interface Palette { ok: Paint; bad: Paint; warn: Paint; dim: Paint; bold: Paint; }

function palette(color: boolean): Palette {
  const sgr = (code: string): Paint => (color ? (s) => `\x1b[${code}m${s}\x1b[0m` : (s) => s);
  return { ok: sgr("32"), bad: sgr("31"), warn: sgr("33"), dim: sgr("2"), bold: sgr("1") };
}

function pad(s: string, width: number): string {
  return s.length >= width ? s + " " : s + " ".repeat(width - s.length);
}

/**
 * The readable summary of one run, for a person at a terminal: what happened (faults and key
 * events), each check and expectation with its measured value, then the seed, the trace hash and
 * the command that replays the run.
 */
export function terminalReport(report: RunReport, options: TerminalOptions = {}): string {
  const p = palette(options.color ?? false);
  const r = report.result;
  const out: string[] = [];
  const head = r.passed ? p.ok("✓ PASSED") : p.bad("✗ FAILED");
  out.push(`${head} ${p.bold(r.scenario)} ${p.dim("·")} seed ${formatSeed(r.seed)}`);
  const wall = r.stats.wallTimeMs === null ? "" : `, ${formatCount(+r.stats.wallTimeMs.toFixed(1))}ms wall`;
  out.push(`  ${formatMicros(r.stats.virtualTime)} of virtual time, ${plural(r.stats.events, "event")}${wall}; stopped: ${stopReasonText(r.stopReason)}`);
  out.push(`  messages: ${messageLine(r)}`);

  out.push("", p.bold("Faults"));
  if (r.faults.length === 0) out.push(p.dim("  none"));
  for (const f of r.faults) out.push(`  ${pad(formatMicros(f.t), 9)}${describeFaultRecord(f)}`);

  if (report.trace) {
    const index = indexTrace(report.trace);
    const key = keyEvents(r, report.trace, options.maxKeyEvents ?? DEFAULT_MAX_KEY_EVENTS);
    out.push("", p.bold("Key events"));
    if (key.events.length === 0) out.push(p.dim("  none: no faults, drops or violations"));
    for (const e of key.events) {
      const line = `  ${pad(formatMicros(e.t), 9)}${describeEvent(e, index)}`;
      out.push(key.evidence.has(e.seq) ? p.warn(line + "  ← evidence") : line);
    }
    if (key.omitted > 0) out.push(p.dim(`  … ${plural(key.omitted, "more event")} (faults and drops) in the trace`));
  }

  out.push("", p.bold("Checks"));
  if (r.checks.length === 0) out.push(p.dim("  none"));
  const nameWidth = Math.max(0, ...r.checks.map((c) => c.name.length)) + 2;
  for (const c of r.checks) {
    const mark = c.passed ? p.ok("✓") : p.bad("✗");
    out.push(`  ${mark} ${pad(c.name, nameWidth)}${checkVerdict(c)}`);
    if (!c.passed || c.violations.length > 0) out.push(`      ${checkDetail(c)}`);
    for (const f of c.findings) out.push(p.dim(`      note: ${f.message}`));
  }

  out.push("", p.bold("Expectations"));
  if (r.expectations.length === 0) out.push(p.dim("  none"));
  const textWidth = Math.max(0, ...r.expectations.map((e) => expectationText(e).length)) + 2;
  for (const e of r.expectations) {
    const mark = e.passed ? p.ok("✓") : p.bad("✗");
    out.push(`  ${mark} ${pad(expectationText(e), textWidth)}measured ${formatMeasured(e)}`);
  }

  const error = failures(r).find((f) => f.error);
  if (error) out.push("", p.bad(error.message));
  out.push("", `seed ${p.bold(formatSeed(r.seed))} ${p.dim("·")} trace ${r.traceHash ?? "not recorded"} ${p.dim("·")} digest ${r.digest}`);
  out.push(`replay: ${r.replay}`);
  return out.join("\n") + "\n";
}

function messageLine(r: RunResult): string {
  const m = r.stats.messages;
  const reasons = Object.keys(r.stats.drops).sort().map((k) => `${k} ${formatCount(r.stats.drops[k])}`);
  const why = reasons.length > 0 ? ` (${reasons.join(", ")})` : "";
  return `${formatCount(m.sent)} sent, ${formatCount(m.delivered)} delivered, ${formatCount(m.dropped)} dropped${why}, ` +
    `${formatCount(m.duplicated)} duplicated, ${formatCount(m.inFlight)} in flight`;
}

/**
 * The summary of many runs (scenarios × seeds): totals, then each scenario with its failing
 * seeds, the first failure's reason and the command that replays it. Failing scenarios come first.
 */
export function terminalSuite(results: readonly RunResult[], options: TerminalOptions = {}): string {
  const p = palette(options.color ?? false);
  const totals = suiteTotals(results);
  const out: string[] = [];
  const verdict = totals.failed === 0 ? p.ok("✓ all passed") : p.bad(`✗ ${formatCount(totals.failed)} failed`);
  out.push(`${verdict}: ${plural(totals.runs, "run")} of ${plural(totals.scenarios, "scenario")}, ${formatCount(totals.passed)} passed`);
  for (const g of groupByScenario(results)) {
    if (g.firstFailing === undefined) {
      out.push(`  ${p.ok("✓")} ${g.scenario}  ${p.dim(`${plural(g.runs.length, "seed")} passed`)}`);
      continue;
    }
    const first = g.firstFailing;
    out.push(`  ${p.bad("✗")} ${p.bold(g.scenario)}  ${formatCount(g.failed.length)} of ${plural(g.runs.length, "seed")} failed; first failing seed ${formatSeed(first.seed)}`);
    const why = failures(first)[0];
    if (why) out.push(`      ${why.message}`);
    out.push(`      replay: ${first.replay}`);
  }
  return out.join("\n") + "\n";
}

/**
 * The across-seeds verdicts of a suite, grouped by scenario: each claim with what the seeds
 * measured and its 95 % interval, and whether the seeds confirm, allow or refute it. Empty when
 * no scenario states any.
 */
export function terminalAcrossSeeds(verdicts: readonly AcrossSeedsVerdict[], options: TerminalOptions = {}): string {
  if (verdicts.length === 0) return "";
  const p = palette(options.color ?? false);
  const refuted = verdicts.filter((v) => !v.passed).length;
  const head = refuted === 0 ? p.ok(`✓ across seeds: ${plural(verdicts.length, "claim")} held`) : p.bad(`✗ across seeds: ${formatCount(refuted)} of ${plural(verdicts.length, "claim")} failed`);
  const out = [head];
  let scenario: string | undefined;
  for (const v of verdicts) {
    if (v.scenario !== scenario) out.push(`  ${p.bold(v.scenario)}`);
    scenario = v.scenario;
    const mark = v.passed ? (v.status === "confirmed" ? p.ok("✓") : p.warn("~")) : p.bad("✗");
    out.push(`    ${mark} ${v.text}`);
    out.push(`        ${p.dim(`${acrossSeedsMeasured(v)}: `)}${v.passed ? acrossSeedsStatusText(v) : p.bad(acrossSeedsStatusText(v))}`);
  }
  return out.join("\n") + "\n";
}
