import { formatMicros } from "../engine/core/time";
import type { Json } from "../engine/core/json";
import type { Seed } from "../engine/scenario";
import type { ExpectationResult } from "../engine/result";

/**
 * Small formatting helpers shared by every writer. They never use the host's locale, so a report
 * has the same bytes on every machine.
 */

/** A count with thin thousands separators written by hand (not `toLocaleString`, which varies by host). */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const sign = n < 0 ? "-" : "";
  const [whole, frac] = Math.abs(n).toString().split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return sign + grouped + (frac ? "." + frac : "");
}

/** A plain number with at most `digits` decimals and no trailing zeros. */
export function formatNumber(n: number, digits = 3): string {
  if (!Number.isFinite(n)) return String(n);
  return String(+n.toFixed(digits));
}

/** A seed as the user would type it after `--seed`. */
export function formatSeed(seed: Seed): string {
  return String(seed);
}

/** `1 event`, `2 events`. */
export function plural(n: number, word: string, many = word + "s"): string {
  return `${formatCount(n)} ${n === 1 ? word : many}`;
}

/** Cuts `s` to at most `max` characters, marking the cut with an ellipsis. */
export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  return s.slice(0, Math.max(0, max - 1)) + "…";
}

/** A message body or field value as one short line of JSON. */
export function compactJson(value: Json | undefined, max = 60): string {
  if (value === undefined) return "";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return truncate(text.replace(/\s+/g, " "), max);
}

/** A file-name-safe form of a scenario name: lower case, dashes, nothing else. */
export function slug(s: string): string {
  const cleaned = s.toLowerCase().replace(/[^a-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "");
  return cleaned === "" ? "run" : cleaned.slice(0, 80);
}

const timeUnit = /\d\s*(us|µs|ms|s|m|min)\b/;

/**
 * An expectation's measured value in the unit the user wrote the bound in. The scenario loader
 * turns `250ms` into 250000 microseconds and `1%` into 0.01, so the measured value is shown the
 * same way: as a time when the text names a time unit, as a percentage for ratios (`per`) or when
 * the text says `%`, and as a rate per second for `rate`.
 */
export function formatMeasured(exp: ExpectationResult): string {
  const measured = formatMetricValue(exp, exp.measured);
  return exp.against && exp.measured !== null ? `${measured} vs ${formatMetricValue(exp, exp.bound ?? null)}` : measured;
}

/** Metric names that hold times, for comparisons of two metrics whose text names no unit. */
const timeMetric = /latency|duration|time|wait/;

/** A value of the expectation's metric (the measured value or the bound), in the user's unit. */
export function formatMetricValue(exp: ExpectationResult, v: number | null): string {
  if (v === null) return "no data";
  const text = exp.text ?? "";
  if (exp.per !== undefined || (text.includes("%") && !exp.tolerance?.relative)) return `${formatNumber(v * 100, 3)}%`;
  if (timeUnit.test(text)) return formatMicros(Math.round(v));
  if (exp.against && timeMetric.test(exp.metric) && exp.stat !== "count" && exp.stat !== "rate") return formatMicros(Math.round(v));
  if (exp.stat === "rate") return `${formatNumber(v, 3)}/s`;
  return formatNumber(v, 3);
}

/**
 * An expectation split into what is measured and the bound: `p99(latency)` and `< 250ms`. The
 * user's own words are kept when the text contains the operator; otherwise both are rebuilt.
 */
export function splitExpectation(exp: ExpectationResult): { subject: string; bound: string } {
  const text = expectationText(exp);
  const at = text.indexOf(` ${exp.op} `);
  if (at > 0) return { subject: text.slice(0, at).trim(), bound: text.slice(at + 1).trim() };
  const subject = exp.per !== undefined ? `${exp.metric} / ${exp.per}` : `${exp.stat}(${exp.metric})`;
  return { subject, bound: `${exp.op} ${formatMetricValue(exp, exp.value)}` };
}

/** The expectation as the user wrote it, or rebuilt from its parts when no text was kept. */
export function expectationText(exp: ExpectationResult): string {
  if (exp.text) return exp.text;
  if (exp.per !== undefined) return `${exp.metric} / ${exp.per} ${exp.op} ${exp.value}`;
  return `${exp.stat}(${exp.metric}) ${exp.op} ${exp.value}`;
}

/** Orders seeds as a person expects: numbers numerically, then strings alphabetically. */
export function compareSeeds(a: Seed, b: Seed): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "number") return -1;
  if (typeof b === "number") return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
