import type { Seed } from "../../engine/scenario";
import type { Simulation } from "../../engine/run-options";
import { simulate } from "../../engine/index";
import { residentMegabytes, type WallDeadline } from "../../scenarios/runner/wall-deadline";
import type { LoadedFile } from "./load-file";
import { bothStops, historyKeepers, memoryGuard } from "./memory-guard";

/** Quotes a word for a POSIX shell only when it needs it, so replay commands paste as they are. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The replay command of a file without its `--seed`: the file as the user named it and every
 * `--set`, so pasting it reproduces exactly the run that was reported.
 */
export function replayPrefix(file: string, sets: readonly string[] = []): string {
  return ["clustersim replay", shellWord(file), ...sets.map((s) => `--set ${shellWord(s)}`)].join(" ");
}

/** The seed a single run uses: `--seed`, else the file's `seed` (or its first of `seeds`), else 1. */
export function seedOf(loaded: LoadedFile, flag: Seed | undefined): Seed {
  return flag ?? loaded.scenario.seed ?? loaded.seeds?.[0] ?? 1;
}

/** How many of the latest trace events a command-line run keeps for its reports. */
export const REPORT_TRACE_EVENTS = 100_000;

/** What one command-line run is given besides its file and seed. */
export interface RunLoadedOptions {
  /**
   * The wall-clock limit the run shares with the rest of its command (`--timeout`): the run
   * stops early enough for the checks, the reports and the process's exit to fit inside it.
   */
  deadline: WallDeadline;
  sets?: readonly string[];
  /** Where the canonical trace streams to (`--trace`), if anywhere. */
  traceSink?: (bytes: Uint8Array) => void;
}

/**
 * Runs a loaded file once in this thread with full recording, under the command's wall-clock
 * limit. The limit reaches the engine as `shouldStop`, with a reserve for the work after the
 * run (`WallDeadline.runStop`); the scenario's event limit bounds the rest, so a run always ends. The trace streams to `traceSink`; the returned trace keeps only the last
 * `REPORT_TRACE_EVENTS` events (and the faults), so memory stays flat however long the run.
 * A run that still outgrows the heap (a post-run checker keeps the whole history) is stopped
 * with CS814 before the heap runs out (`memoryGuard`).
 */
export function runLoaded(loaded: LoadedFile, seed: Seed, options: RunLoadedOptions): Promise<Simulation> {
  const stop = bothStops(memoryGuard(historyKeepers(loaded.scenario, loaded.catalogs.checkers)), options.deadline.runStop(residentMegabytes));
  return simulate(loaded.scenario, {
    seed,
    recording: "full",
    keepHistory: false,
    traceKeep: REPORT_TRACE_EVENTS,
    ...(options.traceSink ? { traceSink: options.traceSink } : {}),
    catalog: loaded.catalogs.catalog,
    checkers: loaded.catalogs.checkers,
    replayCommand: replayPrefix(loaded.file, options.sets),
    wallClock: () => performance.now(),
    shouldStop: stop,
  });
}
