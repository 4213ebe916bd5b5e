import { getHeapSpaceStatistics, getHeapStatistics } from "node:v8";
import type { Scenario } from "../../engine/scenario";
import type { CheckerCatalog } from "../../engine/run-options";
import { isPostRun } from "../../engine/check/checker";
import { resolveChecker } from "../../engine/check/evaluate";
import { CliError, ExitCode } from "./exit-codes";

/**
 * The share of the V8 heap's limit a run may fill before the command stops it with CS840. Past
 * about nine tenths V8 spends most of its time in full collections and then aborts the process
 * ("JavaScript heap out of memory"), which says nothing about why; stopping a little before
 * leaves room to print what to change.
 */
export const HEAP_SHARE = 0.85;

/**
 * V8's young generation on 64-bit Node (two 16 MiB semi-spaces and as much for new large
 * objects): counted in `heap_size_limit`, though what runs out is the old generation, whose
 * limit (`--max-old-space-size`) is the rest.
 */
export const YOUNG_RESERVE = 3 * 16 * 1024 * 1024;

/** The heap's figures a guard reads, in bytes: the old generation's use and limit. */
export interface HeapFigures {
  used: number;
  limit: number;
}

/** The old generation's use (the heap less its young spaces) and limit, from V8. */
export function oldGeneration(): HeapFigures {
  const h = getHeapStatistics();
  let young = 0;
  for (const s of getHeapSpaceStatistics()) if (s.space_name === "new_space" || s.space_name === "new_large_object_space") young += s.space_used_size;
  return { used: h.used_heap_size - young, limit: Math.max(h.heap_size_limit - YOUNG_RESERVE, h.heap_size_limit / 2) };
}

/**
 * A `shouldStop` that never asks to stop but throws CS840 once the heap holds more than
 * `share` of its limit. The engine polls it every 4,096 events, and one poll costs about a
 * few microseconds (no heap walk). The run's checks never start, so nothing more is allocated.
 *
 * @param keepers the checks of the run that keep the whole history (post-run checkers), named
 *   in the message since they are the usual cause
 */
export function memoryGuard(keepers: readonly string[], share = HEAP_SHARE, heap: () => HeapFigures = oldGeneration): () => boolean {
  return () => {
    const h = heap();
    if (h.used <= share * h.limit) return false;
    throw memoryLimitError(h, keepers);
  };
}

/** CS840: how full the heap was, why a run grows, and what to change. */
export function memoryLimitError(h: HeapFigures, keepers: readonly string[]): CliError {
  const mb = (b: number) => Math.round(b / 1e6);
  const cause = keepers.length > 0
    ? `its check${keepers.length > 1 ? "s" : ""} ${keepers.join(", ")} read${keepers.length > 1 ? "" : "s"} the whole history after the run (check(ctx)), so the run keeps every history entry`
    : "something in it (a component, a user's module) keeps state that grows with the run";
  const hint = keepers.length > 0
    ? "make the check online (start/record/finish, the OnlineChecker of engine/check/checker.ts), shorten the run (--set duration=...) or lower its rate, or give Node more heap (NODE_OPTIONS=--max-old-space-size=8192)"
    : "shorten the run (--set duration=...) or lower its rate, or give Node more heap (NODE_OPTIONS=--max-old-space-size=8192)";
  return new CliError("CS840", `the run was stopped before the JavaScript heap ran out: it held ${mb(h.used)} MB of the heap's ${mb(h.limit)} MB limit; ${cause}`, hint, ExitCode.unknown);
}

/** The names of the scenario's checks that are post-run checkers (they keep the whole history). */
export function historyKeepers(s: Scenario, checkers: CheckerCatalog): string[] {
  const names: string[] = [];
  for (const spec of s.checks ?? []) {
    try {
      if (isPostRun(resolveChecker(spec, checkers))) names.push(spec.name);
    } catch {
      // An unknown check fails the run itself, with its own message.
    }
  }
  return names;
}

/** Both stops in one: the memory guard's, then the wall-clock limit's (when there is one). */
export function bothStops(memory: () => boolean, wall: (() => boolean) | undefined): () => boolean {
  return wall === undefined ? memory : () => memory() || wall();
}
