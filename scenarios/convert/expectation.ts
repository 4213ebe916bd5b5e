import type { MetricExpectation, MetricStat } from "../../engine/scenario";
import { closest } from "../suggest";
import { parseDuration, parseRate, parseRatio } from "../units";

/** The statistics an expectation can take of a metric. */
export const STATS: readonly MetricStat[] = ["count", "sum", "mean", "min", "max", "p50", "p90", "p95", "p99", "p999", "value", "rate"];

/** Other words people use for a statistic. */
const STAT_ALIASES: Record<string, MetricStat> = { avg: "mean", average: "mean", median: "p50", "p99.9": "p999", total: "sum", last: "value" };

const OPS = ["<=", ">=", "==", "!=", "<", ">"] as const;

/** What parsing an expectation gives: the expectation, or what is wrong at which character. */
export type ExpectationParse =
  | { ok: true; value: MetricExpectation }
  | { ok: false; message: string; offset: number; suggestion?: string };

/** A metric name: letters, digits, `_`, `.`, `:` and `-`; a dot is part of the name (`errors.rate`). */
const METRIC = /^[A-Za-z_][\w.:-]*/;

/**
 * Parses a metric expectation. The grammar is small on purpose:
 *
 *     expectation := side op value
 *     side        := term | term "/" term        (a ratio, such as an error rate)
 *     term        := stat "(" metric ")" | metric
 *     op          := < | <= | > | >= | == | !=
 *     value       := number | duration (250ms) | percentage (1%) | rate (100/s)
 *
 * A bare metric takes the statistic `value` (a counter's total, a gauge's last value); the two
 * sides of a ratio take the same statistic. Durations become microseconds, percentages ratios.
 */
export function parseExpectation(text: string): ExpectationParse {
  let i = 0;
  const skip = (): void => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  const term = (): { stat?: MetricStat; metric: string; at: number } | ExpectationParse => {
    skip();
    const at = i;
    const m = METRIC.exec(text.slice(i));
    if (!m) return { ok: false, message: `expected a metric name or a statistic such as p99(latency)`, offset: i };
    i += m[0].length;
    skip();
    if (text[i] !== "(") return { metric: m[0], at };
    const word = m[0];
    const stat = (STATS as readonly string[]).includes(word) ? (word as MetricStat) : undefined;
    if (!stat) {
      const alias = STAT_ALIASES[word.toLowerCase()];
      const fix = alias ?? closest(word, STATS);
      return { ok: false, message: `unknown statistic "${word}" (${STATS.join(", ")})`, offset: at, ...(fix ? { suggestion: `did you mean "${fix}(...)"?` } : {}) };
    }
    i++;
    skip();
    const inner = METRIC.exec(text.slice(i));
    if (!inner) return { ok: false, message: `expected a metric name inside ${word}(...)`, offset: i };
    i += inner[0].length;
    skip();
    if (text[i] !== ")") return { ok: false, message: `expected ")" after ${word}(${inner[0]}`, offset: i };
    i++;
    return { stat, metric: inner[0], at };
  };
  const left = term();
  if ("ok" in left) return left;
  skip();
  let per: typeof left | undefined;
  if (text[i] === "/") {
    i++;
    const right = term();
    if ("ok" in right) return right;
    if ((left.stat ?? "value") !== (right.stat ?? "value")) {
      return { ok: false, message: `both sides of a ratio take the same statistic, here ${left.stat ?? "value"} and ${right.stat ?? "value"}`, offset: right.at };
    }
    per = right;
    skip();
  }
  const opAt = i;
  const op = OPS.find((o) => text.startsWith(o, i));
  if (!op) {
    const got = text.slice(i).trim();
    if (got.startsWith("=")) return { ok: false, message: `"=" is not a comparison`, offset: opAt, suggestion: `write "==" to compare for equality` };
    if (got === "") return { ok: false, message: `expected a comparison (<, <=, >, >=, ==, !=) and a value after the metric`, offset: opAt };
    return { ok: false, message: `expected a comparison (<, <=, >, >=, ==, !=), got "${got.slice(0, 12)}"`, offset: opAt };
  }
  i += op.length;
  skip();
  const valueAt = i;
  const raw = text.slice(i).trim();
  const value = parseValue(raw);
  if (!value.ok) return { ok: false, message: value.message, offset: valueAt, ...(value.suggestion ? { suggestion: value.suggestion } : {}) };
  const stat = left.stat ?? "value";
  const clash = unitClash(stat, per !== undefined, value.unit);
  if (clash) return { ok: false, message: clash, offset: valueAt };
  const out: MetricExpectation = { metric: left.metric, stat, op, value: value.value, text: text.trim() };
  if (per) out.per = per.metric;
  return { ok: true, value: out };
}

type Unit = "number" | "duration" | "ratio" | "rate";

/** The value after the comparison, in engine units, and what kind of unit it had. */
function parseValue(raw: string): { ok: true; value: number; unit: Unit } | { ok: false; message: string; suggestion?: string } {
  if (raw === "") return { ok: false, message: "expected a value after the comparison, such as 250ms, 1% or 100" };
  if (/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(raw)) return { ok: true, value: Number(raw), unit: "number" };
  if (raw.endsWith("%")) {
    const r = parseRatio(raw);
    return r.ok ? { ok: true, value: r.value, unit: "ratio" } : r;
  }
  if (raw.includes("/")) {
    const r = parseRate(raw);
    return r.ok ? { ok: true, value: r.value, unit: "rate" } : r;
  }
  const d = parseDuration(raw);
  return d.ok ? { ok: true, value: d.value, unit: "duration" } : { ok: false, message: `the value: ${d.message}`, suggestion: d.suggestion };
}

/** Why a value's unit makes no sense for the statistic, or undefined when it does. */
function unitClash(stat: MetricStat, ratio: boolean, unit: Unit): string | undefined {
  if (ratio && (unit === "duration" || unit === "rate")) return "a ratio of two metrics has no unit: compare it with a number or a percentage (errors / requests < 1%)";
  if (unit === "rate" && stat !== "rate") return `a rate such as 100/s compares with rate(metric), not ${stat}(...)`;
  if (unit === "duration" && (stat === "count" || stat === "rate")) return `${stat}(...) is not a time: compare it with a number`;
  return undefined;
}
