import type { Micros } from "../core/time";
import type { Json, JsonObject } from "../core/json";
import type { Seed } from "../core/seed";
import type { FaultSpec, TriggerSpec } from "../faults/fault-spec";
import type { MetricsSnapshot } from "../metrics/metrics-snapshot";
import type { TraceEvent } from "../trace/trace-event";

/**
 * A history entry: what a process said it did, via `rt.record`. Online checkers see each one as
 * it is recorded; the run keeps them all only when asked (`keepHistory`) or when a post-run
 * checker needs them.
 */
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

/**
 * What a post-run checker gets: the whole history, the faults, the metrics, and the trace if
 * recorded. Online checkers get the same at `finish`, without the history and the trace.
 */
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
  /**
   * Optional data for tools (the visualizer), plain JSON, its shape named by `details.kind`.
   * Nothing in the engine reads it, and a checker may leave it out; a report that does not know
   * the kind ignores it. Kinds in use: `linearizability` (LinearizabilityDetails in
   * engine/check/linearizability/violation-details.ts: the offending window's operations with
   * their processes, addresses, values and times, which one could not take effect, and why).
   */
  details?: JsonObject;
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

/**
 * What an online checker sees of the run while it goes on. `now` and `healedAt` are read live:
 * `healedAt` is the latest end of the faults that have happened so far. It never falls, and when
 * a new fault raises it, the new value is at or after `now` (a fault ends no earlier than it
 * begins), so everything recorded before the rise lies before the new `healedAt`.
 */
export interface CheckRun {
  scenario: string;
  seed: Seed;
  params: JsonObject;
  readonly now: Micros;
  readonly healedAt: Micros;
}

/** What an online checker gets when the run ends: the check context without history and trace. */
export type CheckEnd = Omit<CheckContext, "history" | "trace">;

/** A network message as an online checker observes it (a send or a delivery). */
export interface ObservedMessage {
  /** The message id, as the trace's `id`. */
  id: number;
  /** Sender and receiver addresses. */
  from: string;
  to: string;
  type: string;
  body: unknown;
  /** Set (to 1) on a network duplicate's delivery. */
  dup?: number;
}

/**
 * The state one online checker keeps for one run. The engine calls `record` for every history
 * entry whose event the checker named (or every entry), in history order, as it is recorded;
 * `message` for every send and delivery, when the checker asked for messages and the trace is
 * recorded (`seq` is the trace sequence number of that send or delivery); and `finish` once, when
 * the run ends. It should keep only what a verdict can still depend on, with evidence bounded.
 */
export interface CheckObserver {
  record(h: HistoryEntry): void;
  message?(kind: "send" | "deliver", m: ObservedMessage, seq: number, t: Micros): void;
  finish(end: CheckEnd): CheckOutcome;
}

/**
 * A checker that judges the run as it happens (the library's kind). The checker object itself
 * holds no run state, so one object serves any number of runs: `start` makes the state of one.
 */
export interface OnlineChecker {
  name: string;
  /** One sentence: what must hold. */
  description: string;
  /** The history events `record` reads; omitted, it gets every entry. */
  events?: readonly string[];
  /** True when it also observes network messages (only delivered while the trace is recorded). */
  messages?: boolean;
  start(run: CheckRun): CheckObserver;
}

/**
 * A checker that reads the whole history after the run: kept so that a team's own checkers keep
 * working. A run with one keeps every history entry (and decodes the trace when it is recorded),
 * so its memory grows with the run's length; the library's checkers are all online.
 */
export interface PostRunChecker {
  name: string;
  /** One sentence: what must hold. */
  description: string;
  check(ctx: CheckContext): CheckOutcome;
}

/** A checker: online (observes the run as it happens) or post-run (reads the whole history). */
export type Checker = OnlineChecker | PostRunChecker;

/** True for a post-run checker, which needs the whole history. */
export function isPostRun(c: Checker): c is PostRunChecker {
  return typeof (c as PostRunChecker).check === "function";
}

/** Makes a checker from the scenario's parameters. */
export type CheckerFactory = (params: JsonObject) => Checker;
