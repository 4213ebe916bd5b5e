import type { MetricExpectation, MetricSide, MetricStat } from "../../engine/scenario";
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
 *     expectation := side op right | side "within" tolerance "of" value
 *     side        := term | term "/" term        (a ratio, such as an error rate)
 *     term        := stat "(" metric ")" | metric
 *     op          := < | <= | > | >= | == | !=
 *     right       := value | [number "*"] side | side "*" number
 *     value       := number | duration (250ms) | percentage (1%) | rate (100/s)
 *     tolerance   := percentage (of the value) | a value in the value's unit
 *
 * A bare metric takes the statistic `value` (a counter's total, a gauge's last value); the two
 * sides of a ratio take the same statistic. Durations become microseconds, percentages ratios.
 * A side on the right is measured in the same run: `p99(lc.latency) < 0.8 * p99(rr.latency)`.
 */
export function parseExpectation(text: string): ExpectationParse {
  const cur = { text, i: 0 };
  const left = parseSide(cur);
  if ("ok" in left) return left;
  skip(cur);
  const opAt = cur.i;
  if (/^within\b/.test(text.slice(cur.i))) return parseWithin(cur, left);
  const op = OPS.find((o) => text.startsWith(o, cur.i));
  if (!op) {
    const got = text.slice(cur.i).trim();
    if (got.startsWith("=")) return { ok: false, message: `"=" is not a comparison`, offset: opAt, suggestion: `write "==" to compare for equality` };
    if (got === "") return { ok: false, message: `expected a comparison (<, <=, >, >=, ==, !=, within) and a value after the metric`, offset: opAt };
    return { ok: false, message: `expected a comparison (<, <=, >, >=, ==, !=, within), got "${got.slice(0, 12)}"`, offset: opAt };
  }
  cur.i += op.length;
  skip(cur);
  const valueAt = cur.i;
  const out: MetricExpectation = { ...left.side, op, value: 1, text: text.trim() };
  const against = parseAgainst(cur);
  if (against !== null) {
    if ("ok" in against) return against;
    const clash = sideClash(left.side, against.side);
    if (clash) return { ok: false, message: clash, offset: against.at };
    return { ok: true, value: { ...out, value: against.factor, against: against.side } };
  }
  const value = parseValue(text.slice(cur.i).trim());
  if (!value.ok) return { ok: false, message: value.message, offset: valueAt, ...(value.suggestion ? { suggestion: value.suggestion } : {}) };
  const clash = unitClash(left.side.stat, left.side.per !== undefined, value.unit);
  if (clash) return { ok: false, message: clash, offset: valueAt };
  return { ok: true, value: { ...out, value: value.value } };
}

/** Where a parse is in the text. */
interface Cursor {
  text: string;
  i: number;
}

type Parsed<T> = T | Extract<ExpectationParse, { ok: false }>;

const skip = (c: Cursor): void => {
  while (c.i < c.text.length && /\s/.test(c.text[c.i])) c.i++;
};

/** `stat(metric)` or a bare metric. */
function parseTerm(c: Cursor): Parsed<{ stat?: MetricStat; metric: string; at: number }> {
  skip(c);
  const at = c.i;
  const m = METRIC.exec(c.text.slice(c.i));
  if (!m) return { ok: false, message: `expected a metric name or a statistic such as p99(latency)`, offset: c.i };
  c.i += m[0].length;
  skip(c);
  if (c.text[c.i] !== "(") return { metric: m[0], at };
  const word = m[0];
  const stat = (STATS as readonly string[]).includes(word) ? (word as MetricStat) : undefined;
  if (!stat) {
    const alias = STAT_ALIASES[word.toLowerCase()];
    const fix = alias ?? closest(word, STATS);
    return { ok: false, message: `unknown statistic "${word}" (${STATS.join(", ")})`, offset: at, ...(fix ? { suggestion: `did you mean "${fix}(...)"?` } : {}) };
  }
  c.i++;
  skip(c);
  const inner = METRIC.exec(c.text.slice(c.i));
  if (!inner) return { ok: false, message: `expected a metric name inside ${word}(...)`, offset: c.i };
  c.i += inner[0].length;
  skip(c);
  if (c.text[c.i] !== ")") return { ok: false, message: `expected ")" after ${word}(${inner[0]}`, offset: c.i };
  c.i++;
  return { stat, metric: inner[0], at };
}

/** A term, or a ratio of two terms that take the same statistic. */
function parseSide(c: Cursor): Parsed<{ side: MetricSide; at: number }> {
  const left = parseTerm(c);
  if ("ok" in left) return left;
  skip(c);
  const side: MetricSide = { metric: left.metric, stat: left.stat ?? "value" };
  if (c.text[c.i] !== "/") return { side, at: left.at };
  // `100/s` is a rate, not a ratio: a ratio's divisor is a metric.
  c.i++;
  const right = parseTerm(c);
  if ("ok" in right) return right;
  if ((left.stat ?? "value") !== (right.stat ?? "value")) {
    return { ok: false, message: `both sides of a ratio take the same statistic, here ${left.stat ?? "value"} and ${right.stat ?? "value"}`, offset: right.at };
  }
  skip(c);
  return { side: { ...side, per: right.metric }, at: left.at };
}

const NUMBER = /^-?\d+(\.\d+)?(e[+-]?\d+)?/i;

/**
 * The right side when it is another measurement: `[number *] side` or `side * number`; null
 * when the right side is a plain value (it starts with a digit and no `*` follows the number).
 */
function parseAgainst(c: Cursor): Parsed<{ side: MetricSide; factor: number; at: number }> | null {
  const start = c.i;
  let factor = 1;
  const num = NUMBER.exec(c.text.slice(c.i));
  if (num) {
    const after = c.text.slice(c.i + num[0].length).trimStart();
    if (!after.startsWith("*")) return null;
    factor = Number(num[0]);
    c.i = c.text.length - after.length + 1;
  } else if (!METRIC.test(c.text.slice(c.i))) {
    return null;
  }
  const side = parseSide(c);
  if ("ok" in side) return side;
  skip(c);
  if (c.text[c.i] === "*" && !num) {
    c.i++;
    skip(c);
    const f = NUMBER.exec(c.text.slice(c.i));
    if (!f) return { ok: false, message: "expected a number after *", offset: c.i };
    factor = Number(f[0]);
    c.i += f[0].length;
    skip(c);
  }
  if (c.i < c.text.length) return { ok: false, message: `unexpected "${c.text.slice(c.i, c.i + 12)}" after the right side`, offset: c.i };
  if (!(factor > 0)) return { ok: false, message: "the factor of the other side must be a positive number", offset: start };
  return { side: side.side, factor, at: side.at };
}

/** `within 2% of 1.97s` or `within 5ms of 110ms`. */
function parseWithin(c: Cursor, left: { side: MetricSide }): ExpectationParse {
  c.i += "within".length;
  skip(c);
  const rest = c.text.slice(c.i);
  const of = /\s+of\s+/.exec(rest);
  if (!of) return { ok: false, message: `"within" reads "within TOLERANCE of VALUE", for example "within 2% of 1.97s"`, offset: c.i };
  const tolAt = c.i;
  const valueAt = c.i + of.index + of[0].length;
  const tol = parseValue(rest.slice(0, of.index).trim());
  if (!tol.ok) return { ok: false, message: `the tolerance: ${tol.message}`, offset: tolAt, ...(tol.suggestion ? { suggestion: tol.suggestion } : {}) };
  const value = parseValue(rest.slice(of.index + of[0].length).trim());
  if (!value.ok) return { ok: false, message: value.message, offset: valueAt, ...(value.suggestion ? { suggestion: value.suggestion } : {}) };
  const clash = unitClash(left.side.stat, left.side.per !== undefined, value.unit);
  if (clash) return { ok: false, message: clash, offset: valueAt };
  // A percentage is always a share of the value ("within 2% of 1.97s"); anything else is a
  // distance in the value's own unit (a plain number for a ratio: "within 0.005 of 1%").
  const relative = tol.unit === "ratio";
  if (!relative && tol.unit !== value.unit && !(tol.unit === "number" && value.unit === "ratio")) {
    return { ok: false, message: `the tolerance is a ${tol.unit} but the value a ${value.unit}: write a percentage of the value, or the tolerance in the value's unit`, offset: tolAt };
  }
  if (!(tol.value >= 0)) return { ok: false, message: "the tolerance must not be negative", offset: tolAt };
  return { ok: true, value: { ...left.side, op: "within", value: value.value, tolerance: { value: tol.value, relative }, text: c.text.trim() } };
}

/** Why two sides of a comparison cannot be compared, or undefined when they can. */
function sideClash(a: MetricSide, b: MetricSide): string | undefined {
  if ((a.per === undefined) !== (b.per === undefined)) return "a ratio of two metrics compares only with another ratio";
  if ((a.stat === "rate") !== (b.stat === "rate")) return `a rate compares only with another rate, here ${a.stat}(...) and ${b.stat}(...)`;
  return undefined;
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
