import type { FaultSpec, Scenario, Seed } from "../../../engine/scenario";
import type { TraceBundle } from "../lib/trace/trace-bundle";

/** Where a scenario comes from: YAML text for the loader, or a typed scenario object. */
export type ScenarioSource =
  | { kind: "yaml"; text: string; file: string }
  | { kind: "object"; scenario: Scenario };

/** A problem in a scenario's text, where the loader found it. */
export interface SourceProblem {
  code: string;
  severity: "error" | "warning";
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  path: string;
  suggestion?: string;
}

/** What the page asks the simulation worker. */
export type WorkerRequest =
  | {
    type: "run";
    id: number;
    source: ScenarioSource;
    /** Overrides the scenario's seed. */
    seed?: Seed;
    /** Faults added in the page ("crash s1 at the cursor"), appended to the scenario's own. */
    extraFaults: FaultSpec[];
    /** `path=value` overrides, applied by the loader (YAML) or to the object. */
    sets: string[];
  }
  | { type: "trace"; id: number; file: string; bytes?: ArrayBuffer; url?: string };

/** Timings the worker measured, in wall milliseconds. */
export interface WorkerTimings {
  loadMs: number;
  runMs: number;
  bundleMs: number;
}

/** What the worker answers. */
export type WorkerResponse =
  /** What the worker is doing, as a message key of the page (lib/i18n), so the page says it in its language. */
  | { type: "status"; id: number; key: "run.running" | "run.reading" }
  | {
    type: "done";
    id: number;
    bundle: TraceBundle;
    /** The scenario that ran (without functions), for the editor and share links. */
    scenario: Scenario | null;
    timings: WorkerTimings;
  }
  /**
   * A large trace file's first few megabytes as a bundle of their own, sent before the whole
   * file is read, so the page draws a first frame in constant time (`done` follows with all of
   * it). `share` is the part of the file's bytes it covers, 0 to 1 (0 when the size is unknown).
   */
  | { type: "preview"; id: number; bundle: TraceBundle; share: number }
  /** The trace hash, sent after `done` when it was computed after the bundle was posted. */
  | { type: "hash"; id: number; hash: string }
  /**
   * State snapshots every `interval` state events of each lane, made after `done` so the page
   * can scrub a long run without replaying its patches itself. The worker's last message.
   */
  | { type: "snapshots"; id: number; interval: number; lanes: Array<Array<[number, unknown]>> }
  | { type: "invalid"; id: number; problems: SourceProblem[] }
  | { type: "error"; id: number; message: string };
