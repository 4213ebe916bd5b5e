import type { Micros } from "./core/time";
import type { JsonObject } from "./core/json";
import type { Seed, RunLimits } from "./scenario";
import type { ProcessFactory } from "./node/runtime-api";
import type { CheckerFactory, HistoryEntry } from "./check/checker";
import type { RunResult } from "./result";
import type { Trace } from "./trace/trace";

/** A process kind in a catalog: what scenario files name with `kind:`. */
export interface ProcessKind {
  factory: ProcessFactory;
  /** One line for `clustersim list` and the editor. */
  description: string;
  /** JSON Schema of the kind's `config`, for validation and editor completion. */
  configSchema?: JsonObject;
  /**
   * Named partial configs that reproduce a known system's documented defaults (`eureka`,
   * `resilience4j`...); a scenario picks one with `profile:` and overrides what it needs.
   */
  profiles?: Record<string, JsonObject>;
}

/** Process kinds by name. */
export type ProcessCatalog = Record<string, ProcessKind>;

/** Checkers by name. */
export type CheckerCatalog = Record<string, { factory: CheckerFactory; description: string }>;

/** How much of the run the trace keeps. `off` keeps only metrics, history and checks. */
export type Recording = "off" | "full";

/** Options of one run. Everything the host provides comes in here; the engine reads nothing else. */
export interface RunOptions {
  /** Overrides the scenario's seed. Default: the scenario's, else 1. */
  seed?: Seed;
  /** Default `full`. */
  recording?: Recording;
  /** Process kinds; default the built-in ones. */
  catalog?: ProcessCatalog;
  /** Checkers; default the built-in ones. */
  checkers?: CheckerCatalog;
  /** Overrides the scenario's limits. */
  limits?: RunLimits;
  /** Interval of the metrics timeline; default 1 s of virtual time. */
  metricsInterval?: Micros;
  /** A host wall clock in milliseconds, only to report wall time. */
  wallClock?: () => number;
  /** Polled every few thousand events; true stops the run as `interrupted` (a host's wall limit). */
  shouldStop?: () => boolean;
  /** Lets pending promise continuations run; default one MessageChannel round trip. */
  drain?: () => Promise<void>;
  /** Replay command prefix; default `clustersim replay <scenario name>`. */
  replayCommand?: string;
  /**
   * How many of the latest trace events the returned `trace` keeps decodable (`at`, `events`,
   * reports): a number, or `"all"`. Default all for `simulate()`, none for `run()`. The trace hash
   * always covers every event, whatever is kept; a kept event costs about 50 bytes.
   */
  traceKeep?: number | "all";
  /**
   * Receives the canonical trace (JSON lines, UTF-8, in pieces of whole lines, byte for byte what
   * the hash covers) as the run writes it; the array is reused after the call returns. This is
   * how a long run's whole trace reaches a file without being held in memory.
   */
  traceSink?: (bytes: Uint8Array) => void;
  /**
   * Keep every history entry and return it as `Simulation.history`, for tests and tools that read
   * the history after the run. Default true for `simulate()`, false for `run()`: online checkers
   * need no history, and a kept history grows with the run (a few hundred bytes an entry). A
   * post-run checker keeps it anyway; `Simulation.history` is then still empty unless asked.
   */
  keepHistory?: boolean;
}

/** A finished run with its trace and history. */
export interface Simulation {
  result: RunResult;
  /** Null when recording was off. */
  trace: Trace | null;
  /** Every history entry, when the run was asked to keep them (`keepHistory`); else empty. */
  history: HistoryEntry[];
}
