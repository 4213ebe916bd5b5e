import { formatMicros } from "../engine/core/time";
import type { RunResult } from "../engine/result";
import { escapeXmlAttr, escapeXmlText } from "./escape-markup";
import { formatSeed } from "./format";
import { failures } from "./verdicts";
import { terminalReport } from "./terminal";
import { groupByScenario } from "./suite";

/** Options of the JUnit writer. */
export interface JUnitOptions {
  /**
   * When the suite ran, as an ISO 8601 date-time (`new Date().toISOString()`). The writers never
   * read a clock, so without it the `timestamp` attribute is left out.
   */
  timestamp?: string;
  /** Name of the `<testsuites>` element. Default `clustersim`. */
  name?: string;
  /** Put the terminal summary of failing runs into `<system-out>`. Default true. */
  systemOut?: boolean;
}

interface Case { xml: string; failed: boolean; error: boolean; seconds: number }

/** Wall seconds of a run with millisecond precision; 0 when the host gave no clock. */
function seconds(r: RunResult): number {
  return r.stats.wallTimeMs === null ? 0 : Math.max(0, r.stats.wallTimeMs) / 1000;
}

function secondsText(s: number): string {
  return s.toFixed(3);
}

function property(name: string, value: string): string {
  return `        <property name="${escapeXmlAttr(name)}" value="${escapeXmlAttr(value)}"/>`;
}

/**
 * One test case: a scenario × seed. A failed check or expectation is a `<failure>`, a run that
 * hit a limit or was interrupted (and failed nothing else) an `<error>`. The message names the
 * first violation and the command that replays the run; the body lists every reason.
 */
function testCase(r: RunResult, options: JUnitOptions): Case {
  const time = seconds(r);
  const lines = [`    <testcase name="${escapeXmlAttr(`seed ${formatSeed(r.seed)}`)}" classname="${escapeXmlAttr(r.scenario)}" time="${secondsText(time)}">`];
  lines.push("      <properties>");
  lines.push(property("seed", formatSeed(r.seed)));
  lines.push(property("traceHash", r.traceHash ?? "not recorded"));
  lines.push(property("digest", r.digest));
  lines.push(property("virtualTime", formatMicros(r.stats.virtualTime)));
  lines.push(property("events", String(r.stats.events)));
  lines.push(property("stopReason", r.stopReason));
  lines.push(property("replay", r.replay));
  lines.push("      </properties>");
  const reasons = failures(r);
  if (!r.passed && reasons.length === 0) reasons.push({ type: "failed", message: "the run did not pass", error: false });
  const isFailure = reasons.some((f) => !f.error);
  const isError = !isFailure && reasons.length > 0;
  if (reasons.length > 0) {
    const element = isFailure ? "failure" : "error";
    const first = reasons.find((f) => f.error === isError)!;
    const body = [...reasons.map((f) => f.message), "", `seed: ${formatSeed(r.seed)}`, `trace hash: ${r.traceHash ?? "not recorded"}`, `replay: ${r.replay}`].join("\n");
    lines.push(`      <${element} message="${escapeXmlAttr(`${first.message} (replay: ${r.replay})`)}" type="${escapeXmlAttr(first.type)}">${escapeXmlText(body)}</${element}>`);
    if (options.systemOut ?? true) lines.push(`      <system-out>${escapeXmlText(terminalReport({ result: r }))}</system-out>`);
  }
  lines.push("    </testcase>");
  return { xml: lines.join("\n"), failed: isFailure, error: isError, seconds: time };
}

function suite(name: string, runs: readonly RunResult[], options: JUnitOptions): { xml: string; tests: number; failures: number; errors: number; seconds: number } {
  const cases = runs.map((r) => testCase(r, options));
  const failed = cases.filter((c) => c.failed).length;
  const errors = cases.filter((c) => c.error).length;
  const time = cases.reduce((s, c) => s + c.seconds, 0);
  const stamp = options.timestamp !== undefined ? ` timestamp="${escapeXmlAttr(options.timestamp)}"` : "";
  const xml = [
    `  <testsuite name="${escapeXmlAttr(name)}" tests="${cases.length}" failures="${failed}" errors="${errors}" skipped="0" time="${secondsText(time)}"${stamp}>`,
    ...cases.map((c) => c.xml),
    "  </testsuite>",
  ].join("\n");
  return { xml, tests: cases.length, failures: failed, errors, seconds: time };
}

/**
 * Many runs as JUnit XML: one `<testsuite>` per scenario (failing scenarios first) and one
 * `<testcase>` per seed, with `classname` the scenario and `name` `seed N`, so CI systems group
 * the seeds of a scenario together and show each failing seed with its replay command.
 */
export function junitSuite(results: readonly RunResult[], options: JUnitOptions = {}): string {
  const suites = groupByScenario(results).map((g) => suite(g.scenario, g.runs, options));
  const sum = (f: (s: (typeof suites)[number]) => number): number => suites.reduce((a, s) => a + f(s), 0);
  const stamp = options.timestamp !== undefined ? ` timestamp="${escapeXmlAttr(options.timestamp)}"` : "";
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${escapeXmlAttr(options.name ?? "clustersim")}" tests="${sum((s) => s.tests)}" failures="${sum((s) => s.failures)}" ` +
      `errors="${sum((s) => s.errors)}" skipped="0" time="${secondsText(sum((s) => s.seconds))}"${stamp}>`,
    ...suites.map((s) => s.xml),
    "</testsuites>",
    "",
  ].join("\n");
}

/** One run as JUnit XML: a suite with one test case. */
export function junitReport(result: RunResult, options: JUnitOptions = {}): string {
  return junitSuite([result], options);
}
