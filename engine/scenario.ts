import type { Micros } from "./core/time";
import type { Json, JsonObject } from "./core/json";
import type { ProcessFactory } from "./node/runtime-api";
import type { Checker } from "./check/checker";
import type { NetworkSpec } from "./net/network-spec";
import type { FaultSpec, NemesisSpec, TriggerMatch, TriggerSpec } from "./faults/fault-spec";
import type { Seed } from "./core/seed";
import type { Translations } from "./text-lang";

/** The root seed: a number or a string; the result always names it. */
export type { Seed } from "./core/seed";

/** A machine. */
export interface NodeSpec {
  name: string;
  /** Default `default`. Links between zones default from `network.crossZone`. */
  zone?: string;
  /** IPv4; assigned deterministically (10.0.0.1, 10.0.0.2...) in the order nodes are listed when absent. */
  ip?: string;
  /** The node's local clock at start: offset from virtual time and drift in parts per million. */
  clock?: { skew?: Micros; driftPpm?: number };
}

/** A process on a node, built by a factory from the catalog (`kind`) or given directly. */
export interface ProcessSpec {
  node: string;
  name: string;
  /** A name in the run's process catalog (`echo-server`, `client`, `2pc-coordinator`...). */
  kind?: string;
  /** A factory, instead of `kind`, for code that calls the library directly. */
  factory?: ProcessFactory;
  config?: JsonObject | Record<string, unknown>;
  /** When the process first starts; default 0. */
  startAt?: Micros;
}

// The network and fault vocabulary is declared beside the layers that act on it, which must not
// import the scenario (it sits above them); the scenario names it here for its users.
export type { NetworkSpec } from "./net/network-spec";
export type { FaultAction, FaultSpec, NemesisKind, NemesisSpec, TriggerMatch, TriggerSpec } from "./faults/fault-spec";

/** A checker from the run's catalog with parameters, or a checker object. */
export interface CheckSpec {
  name: string;
  params?: JsonObject;
  /**
   * `violate`: the scenario demonstrates a failure and passes only when the checker catches it.
   * `any`: no run passes or fails on it; an `acrossSeeds` share of seeds counts its verdicts.
   */
  expect?: "hold" | "violate" | "any";
  checker?: Checker;
}

/** A statistic of a metric. `rate` is per virtual second over the run. */
export type MetricStat = "count" | "sum" | "mean" | "min" | "max" | "p50" | "p90" | "p95" | "p99" | "p999" | "value" | "rate";

/** One side of a comparison: `stat(metric)`, or with `per`, the ratio `metric / per`. */
export interface MetricSide {
  metric: string;
  stat: MetricStat;
  per?: string;
}

/** A comparison: the six orderings, or `within`, closeness to a value (see `tolerance`). */
export type ExpectationOp = "<" | "<=" | ">" | ">=" | "==" | "!=" | "within";

/**
 * `stat(metric) op value`, or with `per`, the ratio `metric / per` (an error rate). With
 * `against`, the right side is another measurement of the same run times `value` (a factor):
 * `p99(lc.latency) < 0.8 * p99(rr.latency)`. With `op: "within"`, the left side must lie within
 * `tolerance` of `value`: `mean(wait) within 2% of 1.97s`.
 */
export interface MetricExpectation extends MetricSide {
  op: ExpectationOp;
  /** The bound, in engine units; with `against`, the factor that multiplies the other side. */
  value: number;
  /** The other side, measured in the same run. */
  against?: MetricSide;
  /** For `within`: how far from `value` is close enough, absolute or a fraction of `value`. */
  tolerance?: { value: number; relative: boolean };
  /** The text the user wrote, for reports: `p99(latency) < 250ms`. */
  text?: string;
}

/** What a share of seeds counts on each run: an expectation that holds, or a check's status. */
export type SeedCondition =
  | { expectation: MetricExpectation }
  | { check: string; status: "held" | "violated" };

/**
 * An expectation over the seeds of a sweep (`acrossSeeds:`), judged from every run's result
 * with a 95 % confidence interval. `mean`: the mean over seeds of the expectation's left side
 * (of the difference of its two sides, with `against`) compares as the expectation says.
 * `share`: the fraction of seeds on which the condition is true compares with `share`.
 */
export type AcrossSeedsExpectation =
  | { kind: "mean"; expectation: MetricExpectation; text: string }
  | { kind: "share"; condition: SeedCondition; op: "<" | "<=" | ">" | ">="; share: number; text: string };

/** A teaching note tied to a moment or to the first event that matches. */
export interface NarrationSpec {
  at?: Micros;
  when?: TriggerMatch;
  /** The note in English. */
  text: string;
  /** The note in the other languages (engine/text-lang.ts); a reader falls back to `text`. */
  translations?: Translations;
}

/** Run limits: hitting one ends the run with that reason, never a hang. */
export interface RunLimits {
  /** Default 20,000,000 events. */
  maxEvents?: number;
  /** Default: the scenario's duration. */
  maxTime?: Micros;
}

/** A scenario as a plain typed object: what the YAML format maps onto. */
export interface Scenario {
  name: string;
  /** What the scenario shows and what to notice, in English. */
  description?: string;
  /** The description in the other languages; a reader falls back to `description`. */
  descriptionTranslations?: Translations;
  seed?: Seed;
  /** Virtual time the run lasts. */
  duration: Micros;
  nodes: NodeSpec[];
  processes: ProcessSpec[];
  network?: NetworkSpec;
  faults?: FaultSpec[];
  nemesis?: NemesisSpec;
  triggers?: TriggerSpec[];
  checks?: CheckSpec[];
  expect?: MetricExpectation[];
  /** Expectations over the seeds of a sweep; a single run ignores them. */
  acrossSeeds?: AcrossSeedsExpectation[];
  narration?: NarrationSpec[];
  limits?: RunLimits;
  /** Free-form tags for the library (`topic: 2pc`...). */
  tags?: Record<string, Json>;
}
