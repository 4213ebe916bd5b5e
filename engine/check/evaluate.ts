import type { JsonObject } from "../core/json";
import type { CheckSpec, ExpectationOp, MetricExpectation, MetricSide, MetricStat, Seed } from "../scenario";
import type { CheckerCatalog } from "../run-options";
import type { CheckResult, ExpectationResult } from "../result";
import type { CheckOutcome, Checker } from "./checker";
import type { MetricsSnapshot } from "../metrics/metrics-snapshot";
import { formatMicros } from "../core/time";

/** Resolves a check spec to a checker, from the spec itself or the catalog. */
export function resolveChecker(spec: CheckSpec, catalog: CheckerCatalog): Checker {
  if (spec.checker) return spec.checker;
  const entry = catalog[spec.name];
  if (!entry) {
    const known = Object.keys(catalog).sort().join(", ") || "(none)";
    throw new Error(`unknown check "${spec.name}"; known checks: ${known}`);
  }
  return entry.factory((spec.params ?? {}) as JsonObject);
}

/**
 * Turns a checker's outcome into a verdict, with the seed and the replay command on each
 * violation and the spec's expectation (hold or violate) applied.
 */
export function verdict(spec: CheckSpec, checker: Checker, outcome: CheckOutcome, seed: Seed, replay: string): CheckResult {
  const violations = outcome.violations.map((v) => ({
    check: v.check ?? checker.name, message: v.message, t: v.t, nodes: v.nodes, history: v.history,
    events: v.events, seed, replay, ...(v.details ? { details: v.details } : {}),
  }));
  const expected = spec.expect ?? "hold";
  const status = violations.length > 0 ? "violated" : "held";
  return {
    name: spec.name,
    description: checker.description,
    expected,
    status,
    passed: expected === "any" || (expected === "hold" ? status === "held" : status === "violated"),
    violations,
    findings: (outcome.findings ?? []).map((f) => ({ check: checker.name, ...f })),
  };
}

/** The measured value of `stat(metric)`, or null when the metric has no such value. */
export function measure(m: MetricsSnapshot, metric: string, stat: MetricStat, seconds: number): number | null {
  const h = m.histograms[metric];
  if (h) {
    if (stat === "rate") return seconds > 0 ? h.count / seconds : null;
    if (stat === "value") return h.count;
    return h[stat as keyof typeof h] ?? null;
  }
  const counter = m.counters[metric];
  const gauge = m.gauges[metric];
  switch (stat) {
    case "count": case "sum": return counter ?? gauge ?? 0;
    case "value": return gauge ?? counter ?? 0;
    case "rate": return seconds > 0 ? (counter ?? 0) / seconds : null;
    default: return null; // a percentile of something that was never sampled
  }
}

/** The measured value of one side of a comparison: `stat(metric)`, or the ratio `metric / per`. */
export function measureSide(m: MetricsSnapshot, side: MetricSide, seconds: number): number | null {
  const measured = measure(m, side.metric, side.stat, seconds);
  if (side.per === undefined || measured === null) return measured;
  const denom = measure(m, side.per, side.stat === "rate" ? "rate" : "count", seconds);
  return denom ? measured / denom : null;
}

/** Whether `measured op bound` holds; for `within`, whether it lies within `tolerance` of the bound. */
export function compare(op: ExpectationOp, measured: number, bound: number, tolerance?: MetricExpectation["tolerance"]): boolean {
  switch (op) {
    case "<": return measured < bound;
    case "<=": return measured <= bound;
    case ">": return measured > bound;
    case ">=": return measured >= bound;
    case "==": return measured === bound;
    case "!=": return measured !== bound;
    case "within": return Math.abs(measured - bound) <= withinMargin(bound, tolerance);
  }
}

/** How far from `bound` a `within` expectation accepts: the tolerance, or its fraction of the bound. */
export function withinMargin(bound: number, tolerance: MetricExpectation["tolerance"]): number {
  if (!tolerance) return 0;
  return tolerance.relative ? tolerance.value * Math.abs(bound) : tolerance.value;
}

/**
 * The right side of an expectation in one run: its value, or with `against`, the factor times
 * the other side's measurement (null when that side has no data).
 */
export function boundOf(e: MetricExpectation, m: MetricsSnapshot, seconds: number): number | null {
  if (!e.against) return e.value;
  const other = measureSide(m, e.against, seconds);
  return other === null || Number.isNaN(other) ? null : e.value * other;
}

/** Evaluates one metric expectation. */
export function evaluateExpectation(e: MetricExpectation, m: MetricsSnapshot, seconds: number): ExpectationResult {
  const measured = measureSide(m, e, seconds);
  const text = e.text ?? describe(e);
  const bound = boundOf(e, m, seconds);
  const withBound = e.against ? { bound } : {};
  if (measured === null || Number.isNaN(measured) || bound === null) return { ...e, ...withBound, text, measured: measured === null || Number.isNaN(measured) ? null : measured, passed: false };
  return { ...e, ...withBound, text, measured, passed: compare(e.op, measured, bound, e.tolerance) };
}

function describe(e: MetricExpectation): string {
  const side = (s: MetricSide) => (s.per ? `${s.metric} / ${s.per}` : `${s.stat}(${s.metric})`);
  const looksLikeTime = /latency|duration|time/.test(e.metric) && !e.per;
  const value = looksLikeTime && !e.against ? formatMicros(e.value) : String(e.value);
  if (e.against) return `${side(e)} ${e.op} ${e.value === 1 ? "" : `${e.value} * `}${side(e.against)}`;
  if (e.op === "within" && e.tolerance) {
    const tol = e.tolerance.relative ? `${e.tolerance.value * 100}%` : looksLikeTime ? formatMicros(e.tolerance.value) : String(e.tolerance.value);
    return `${side(e)} within ${tol} of ${value}`;
  }
  return `${side(e)} ${e.op} ${value}`;
}

/** The replay command of a run. */
export function replayCommand(prefix: string, seed: Seed): string {
  return `${prefix} --seed ${seed}`;
}
