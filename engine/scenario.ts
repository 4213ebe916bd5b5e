import type { Micros } from "./core/time";
import type { Json, JsonObject } from "./core/json";
import type { LatencySpec, LinkSpec } from "./net/latency-spec";
import type { ProcessFactory } from "./node/runtime-api";
import type { Checker } from "./check/checker";

/** The root seed: a number or a string; the result always names it. */
export type Seed = number | string;

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

/** The network: defaults, zone defaults and per-pair overrides. Later entries win. */
export interface NetworkSpec extends LinkSpec {
  /** Links between nodes of different zones (default: the same as within a zone). */
  crossZone?: LinkSpec;
  /** Per zone pair, `from` and `to` zone names. */
  zones?: Array<LinkSpec & { from: string; to: string; bidirectional?: boolean }>;
  /** Per node pair. */
  links?: Array<LinkSpec & { from: string; to: string; bidirectional?: boolean }>;
}

/** One fault action. Node names, not addresses: a fault hits a whole machine. */
export type FaultAction =
  | { action: "crash"; node: string }
  | { action: "restart"; node: string }
  | { action: "pause"; node: string }
  | { action: "resume"; node: string }
  /** Split into groups; nodes in no group form one more group. */
  | { action: "partition"; groups: string[][] }
  | { action: "isolate"; node: string }
  /** One direction only: messages from `from` to `to` are lost. */
  | { action: "cut"; from: string; to: string }
  /** Two sides that see each other only through `bridge`, which sees both. */
  | { action: "bridge"; groups: [string[], string[]]; bridge: string }
  /** Every node sees a majority, and no two majorities are the same (Jepsen's majorities ring). */
  | { action: "ring" }
  /** Heals every partition, cut, bridge and ring. */
  | { action: "heal" }
  /** Steps the node's clock by `offset` (local time = virtual time + skew). */
  | { action: "skew"; node: string; offset: Micros }
  | { action: "drift"; node: string; ppm: number }
  /** Changes what links do (slow, lossy, duplicating) between `from` and `to` (all when absent). */
  | { action: "link"; from?: string; to?: string; link: LinkSpec };

/** A scripted fault: at `at` do the action; with `duration`, undo it at `at + duration`. */
export type FaultSpec = FaultAction & { at: Micros; duration?: Micros };

/** The fault kinds the nemesis can draw, with their relative weights. */
export type NemesisKind = "crash" | "pause" | "partition" | "isolate" | "cut" | "bridge" | "ring" | "skew" | "slow" | "loss";

/**
 * A random nemesis. It draws its whole schedule before the run, from its own stream, so its
 * faults are a concrete schedule that replays the run without it.
 */
export interface NemesisSpec {
  mix: Partial<Record<NemesisKind, number>>;
  /** Time between the starts of two faults. */
  interval: LatencySpec;
  /** How long a fault lasts before it is healed. */
  duration: LatencySpec;
  /** Window in which faults start; default from 0 to 80 % of the scenario's duration. */
  from?: Micros;
  until?: Micros;
  /** Nodes the nemesis may touch; default all. */
  targets?: string[];
  /** Most faults in force at once; default 1. */
  maxConcurrent?: number;
  /** Largest clock step for `skew` faults, either way; default 1 s. */
  skewMax?: Micros;
  /** Latency of a `slow` link; default exponential with a 200 ms mean. */
  slowLatency?: LatencySpec;
  /** Loss ratio of a `loss` link; default 0.5. */
  lossRatio?: number;
}

/** What a trigger waits for. Every given field must match. */
export interface TriggerMatch {
  on: "send" | "deliver" | "record";
  /** For send/deliver: sender address or node; for record: the recording process. */
  from?: string;
  to?: string;
  /** Message type (send/deliver) or history event name (record). */
  type?: string;
  /** Fire at the n-th match (1-based, default 1). */
  nth?: number;
}

/**
 * A fault triggered by an event: "when the coordinator sends COMMIT to p1, crash the
 * coordinator". It fires inside the event that matched, so a crash stops the rest of the handler.
 */
export interface TriggerSpec {
  when: TriggerMatch;
  do: FaultAction;
  /** Undo after this long. */
  duration?: Micros;
}

/** A checker from the run's catalog with parameters, or a checker object. */
export interface CheckSpec {
  name: string;
  params?: JsonObject;
  /** `violate`: the scenario demonstrates a failure and passes only when the checker catches it. */
  expect?: "hold" | "violate";
  checker?: Checker;
}

/** A statistic of a metric. `rate` is per virtual second over the run. */
export type MetricStat = "count" | "sum" | "mean" | "min" | "max" | "p50" | "p90" | "p95" | "p99" | "p999" | "value" | "rate";

/** `stat(metric) op value`, or with `per`, the ratio `metric / per` (an error rate). */
export interface MetricExpectation {
  metric: string;
  stat: MetricStat;
  per?: string;
  op: "<" | "<=" | ">" | ">=" | "==" | "!=";
  value: number;
  /** The text the user wrote, for reports: `p99(latency) < 250ms`. */
  text?: string;
}

/** A teaching note tied to a moment or to the first event that matches. */
export interface NarrationSpec {
  at?: Micros;
  when?: TriggerMatch;
  text: string;
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
  description?: string;
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
  narration?: NarrationSpec[];
  limits?: RunLimits;
  /** Free-form tags for the library (`topic: 2pc`...). */
  tags?: Record<string, Json>;
}
