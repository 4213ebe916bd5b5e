import type { JsonObject } from "../core/json";
import type { CheckSpec, MetricExpectation, MetricStat, Seed } from "../scenario";
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
    events: v.events, seed, replay,
  }));
  const expected = spec.expect ?? "hold";
  const status = violations.length > 0 ? "violated" : "held";
  return {
    name: spec.name,
    description: checker.description,
    expected,
    status,
    passed: expected === "hold" ? status === "held" : status === "violated",
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

/** Evaluates one metric expectation. */
export function evaluateExpectation(e: MetricExpectation, m: MetricsSnapshot, seconds: number): ExpectationResult {
  let measured = measure(m, e.metric, e.stat, seconds);
  if (e.per !== undefined && measured !== null) {
    const denom = measure(m, e.per, e.stat === "rate" ? "rate" : "count", seconds);
    measured = denom ? measured / denom : null;
  }
  const text = e.text ?? describe(e);
  if (measured === null || Number.isNaN(measured)) return { ...e, text, measured: null, passed: false };
  const v = e.value;
  const passed =
    e.op === "<" ? measured < v : e.op === "<=" ? measured <= v : e.op === ">" ? measured > v
    : e.op === ">=" ? measured >= v : e.op === "==" ? measured === v : measured !== v;
  return { ...e, text, measured, passed };
}

function describe(e: MetricExpectation): string {
  const lhs = e.per ? `${e.metric} / ${e.per}` : `${e.stat}(${e.metric})`;
  const looksLikeTime = /latency|duration|time/.test(e.metric) && !e.per;
  return `${lhs} ${e.op} ${looksLikeTime ? formatMicros(e.value) : e.value}`;
}

/** The replay command of a run. */
export function replayCommand(prefix: string, seed: Seed): string {
  return `${prefix} --seed ${seed}`;
}
