import type { AcrossSeedsExpectation, MetricExpectation, Seed, SeedCondition } from "../scenario";
import type { RunResult } from "../result";
import { SECOND } from "../core/time";
import { boundOf, compare, measureSide, withinMargin } from "./evaluate";
import { meanInterval } from "./statistics/mean-interval";
import { wilsonInterval } from "./statistics/wilson-interval";

/** The confidence of every interval an across-seeds verdict reports. */
export const ACROSS_SEEDS_CONFIDENCE = 0.95;

/**
 * What the seeds say about a claim. `confirmed`: the whole interval satisfies it. `consistent`:
 * the interval straddles its bound, so the seeds neither confirm nor refute it. `refuted`: the
 * whole interval contradicts it. `no-data`: a mean's metric had no value on some seed.
 */
export type AcrossSeedsStatus = "confirmed" | "consistent" | "refuted" | "no-data";

/** One across-seeds expectation of one scenario, judged over the runs of a sweep. */
export interface AcrossSeedsVerdict {
  scenario: string;
  text: string;
  kind: "mean" | "share";
  /** Runs judged. */
  seeds: number;
  /** The mean (of the left side, or of the difference of the two sides), or the share of seeds. */
  estimate: number | null;
  /** The two-sided interval at `confidence`: Student t for a mean, Wilson for a share. */
  low: number | null;
  high: number | null;
  confidence: number;
  /** A share: on how many of the seeds the condition was true. */
  successes?: number;
  /** A mean with another measurement on the right: the means of the two sides (right times its factor). */
  sides?: { left: number; right: number };
  /** A mean: the expectation, so that reports can show values in its unit. */
  expectation?: MetricExpectation;
  /** A mean: the seeds on which the metric had no value. */
  missing?: Seed[];
  status: AcrossSeedsStatus;
  /** True unless refuted or without data. */
  passed: boolean;
}

/** Judges one across-seeds expectation over a scenario's runs (one run a seed). */
export function judgeAcrossSeeds(spec: AcrossSeedsExpectation, runs: readonly RunResult[]): AcrossSeedsVerdict {
  const scenario = runs[0]?.scenario ?? "";
  const base = { scenario, text: spec.text, kind: spec.kind, seeds: runs.length, confidence: ACROSS_SEEDS_CONFIDENCE };
  if (runs.length === 0) return { ...base, estimate: null, low: null, high: null, status: "no-data", passed: false };
  if (spec.kind === "share") {
    const successes = runs.filter((r) => conditionHolds(spec.condition, r)).length;
    const ci = wilsonInterval(successes, runs.length, ACROSS_SEEDS_CONFIDENCE);
    const status = statusOf(spec.op, spec.share, ci.low, ci.high);
    return { ...base, successes, estimate: ci.estimate, low: ci.low, high: ci.high, status, passed: status !== "refuted" };
  }
  const e = spec.expectation;
  const meanBase = { ...base, expectation: e };
  const values: number[] = [];
  const lefts: number[] = [];
  const rights: number[] = [];
  const missing: Seed[] = [];
  for (const r of runs) {
    const seconds = r.stats.virtualTime / SECOND;
    const left = measureSide(r.metrics, e, seconds);
    const right = boundOf(e, r.metrics, seconds);
    if (left === null || Number.isNaN(left) || right === null) {
      missing.push(r.seed);
      continue;
    }
    lefts.push(left);
    rights.push(right);
    values.push(e.against ? left - right : left);
  }
  if (missing.length > 0) return { ...meanBase, estimate: null, low: null, high: null, missing, status: "no-data", passed: false };
  const ci = meanInterval(values, ACROSS_SEEDS_CONFIDENCE);
  const sides = e.against ? { sides: { left: mean(lefts), right: mean(rights) } } : {};
  const status = e.op === "within" ? withinStatus(e, ci.low, ci.high) : statusOf(e.op as OrderOp, e.against ? 0 : e.value, ci.low, ci.high);
  return { ...meanBase, ...sides, estimate: ci.estimate, low: finite(ci.low), high: finite(ci.high), status, passed: status !== "refuted" };
}

/** Judges every across-seeds expectation of a scenario over its runs. */
export function judgeScenarioAcrossSeeds(specs: readonly AcrossSeedsExpectation[], runs: readonly RunResult[]): AcrossSeedsVerdict[] {
  return specs.map((s) => judgeAcrossSeeds(s, runs));
}

type OrderOp = "<" | "<=" | ">" | ">=";

/** Whether a share item's condition is true of one run; an expectation without data is false. */
export function conditionHolds(c: SeedCondition, r: RunResult): boolean {
  if ("check" in c) return r.checks.find((x) => x.name === c.check)?.status === c.status;
  return expectationHolds(c.expectation, r);
}

function expectationHolds(e: MetricExpectation, r: RunResult): boolean {
  const seconds = r.stats.virtualTime / SECOND;
  const left = measureSide(r.metrics, e, seconds);
  const bound = boundOf(e, r.metrics, seconds);
  if (left === null || Number.isNaN(left) || bound === null) return false;
  return compare(e.op, left, bound, e.tolerance);
}

/** `value op bound` for an interval [low, high]: true of all of it, of none, or of part. */
function statusOf(op: OrderOp, bound: number, low: number, high: number): AcrossSeedsStatus {
  const all = op === "<" ? high < bound : op === "<=" ? high <= bound : op === ">" ? low > bound : low >= bound;
  const none = op === "<" ? low >= bound : op === "<=" ? low > bound : op === ">" ? high <= bound : high < bound;
  return all ? "confirmed" : none ? "refuted" : "consistent";
}

function withinStatus(e: MetricExpectation, low: number, high: number): AcrossSeedsStatus {
  const margin = withinMargin(e.value, e.tolerance);
  const a = e.value - margin;
  const b = e.value + margin;
  if (low >= a && high <= b) return "confirmed";
  if (high < a || low > b) return "refuted";
  return "consistent";
}

function mean(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/** JSON has no infinity: the unbounded interval of a single seed is reported as null ends. */
function finite(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}
