import type { Micros } from "./core/time";
import type { Seed, FaultSpec, TriggerSpec, MetricExpectation, NarrationSpec } from "./scenario";
import type { Violation, Finding } from "./check/checker";
import type { MetricsSnapshot } from "./metrics/metrics-snapshot";

/** Why a run ended. Only `max-events`, `max-time` and `interrupted` are abnormal. */
export type StopReason = "duration" | "idle" | "max-events" | "max-time" | "interrupted";

/** One check's verdict. `passed` takes `expected` into account. */
export interface CheckResult {
  name: string;
  description: string;
  expected: "hold" | "violate" | "any";
  status: "held" | "violated";
  passed: boolean;
  violations: Violation[];
  findings: Finding[];
}

/** One metric expectation's verdict. */
export interface ExpectationResult extends MetricExpectation {
  text: string;
  measured: number | null;
  /** With `against`: the right side as measured in this run, times the factor (null: no data). */
  bound?: number | null;
  passed: boolean;
}

/** A fault that happened, as it happened: scripted, drawn by the nemesis, or triggered. */
export interface FaultRecord {
  t: Micros;
  source: "script" | "nemesis" | "trigger";
  fault: FaultSpec;
}

/** Everything a run says, JSON-serialisable. */
export interface RunResult {
  scenario: string;
  seed: Seed;
  /** Hash of the canonical trace (one JSON object a line, sorted keys); null when recording was off. */
  traceHash: string | null;
  /** The trace format version (`TRACE_VERSION`) the hash was computed in: equal hashes compare only within one version. */
  traceVersion: number;
  /** Hash of the dispatched event sequence; computed at every recording level. */
  digest: string;
  recording: "off" | "full";
  stopReason: StopReason;
  /** True when every check and expectation passed and the run ended normally. */
  passed: boolean;
  stats: {
    events: number;
    traceEvents: number;
    virtualTime: Micros;
    /** Host wall time, when the host gave a clock (the engine never reads one). */
    wallTimeMs: number | null;
    messages: { sent: number; delivered: number; dropped: number; duplicated: number; inFlight: number };
    drops: Record<string, number>;
  };
  /** Every fault that happened. */
  faults: FaultRecord[];
  /** The concrete schedule that replays this run without the nemesis. */
  schedule: { faults: FaultSpec[]; triggers: TriggerSpec[] };
  checks: CheckResult[];
  expectations: ExpectationResult[];
  metrics: MetricsSnapshot;
  narration: NarrationSpec[];
  /** The command that replays the run; the CLI fills in the file. */
  replay: string;
}
