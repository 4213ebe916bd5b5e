import type { Micros } from "../core/time";
import type { Json, JsonObject } from "../core/json";
import type { Seed, FaultSpec, TriggerSpec } from "../scenario";
import type { MetricsSnapshot } from "../metrics/metrics-snapshot";
import type { TraceEvent } from "../trace/trace-event";

/** A history entry: what a process said it did, via `rt.record`. Always kept. */
export interface HistoryEntry {
  /** Virtual time. */
  t: Micros;
  /** Index in the history. */
  index: number;
  /** Trace sequence number of the same moment, when the trace was recorded (else -1). */
  seq: number;
  node: string;
  proc: string;
  address: string;
  event: string;
  fields: Record<string, Json>;
}

/** What a checker gets: the whole history, the faults, the metrics, and the trace if recorded. */
export interface CheckContext {
  scenario: string;
  seed: Seed;
  history: readonly HistoryEntry[];
  /** The concrete faults that happened. */
  faults: readonly FaultSpec[];
  triggers: readonly TriggerSpec[];
  /** When the last fault was healed (0 if none): liveness checks judge what comes after. */
  healedAt: Micros;
  /** When the run ended. */
  endedAt: Micros;
  metrics: MetricsSnapshot;
  /** The decoded trace, or null when recording was off. */
  trace: readonly TraceEvent[] | null;
  params: JsonObject;
}

/** A violation: what broke, when, where, and the events that show it. */
export interface Violation {
  check: string;
  message: string;
  /** Virtual time of the first event that shows it. */
  t: Micros;
  nodes: string[];
  /** History indices of the entries that show it. */
  history: number[];
  /** Trace sequence numbers of the events that show it, where known. */
  events: number[];
  seed: Seed;
  /** The command that replays the run. */
  replay: string;
}

/** A finding a checker reports without it being a failure (for example: participants blocked). */
export interface Finding {
  check: string;
  message: string;
  t?: Micros;
  nodes?: string[];
  value?: number;
}

/** What a checker returns: violations (the check failed) and findings (worth saying). */
export interface CheckOutcome {
  violations: Array<Omit<Violation, "check" | "seed" | "replay"> & Partial<Pick<Violation, "check">>>;
  findings?: Array<Omit<Finding, "check">>;
}

/** A checker reads the history after the run. */
export interface Checker {
  name: string;
  /** One sentence: what must hold. */
  description: string;
  check(ctx: CheckContext): CheckOutcome;
}

/** Makes a checker from the scenario's parameters. */
export type CheckerFactory = (params: JsonObject) => Checker;
