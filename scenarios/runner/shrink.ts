import type { Micros } from "../../engine/core/time";
import { MS } from "../../engine/core/time";
import type { FaultSpec, Scenario, Seed, TriggerSpec } from "../../engine/scenario";
import type { CheckerCatalog, ProcessCatalog, Recording, RunOptions } from "../../engine/run-options";
import type { RunResult } from "../../engine/result";
import { run } from "../../engine/index";
import { InvalidScenarioError } from "../../engine/validate-scenario";
import { ddmin } from "./ddmin";
import { sameFailure } from "./failure-signature";

/** Options of `shrinkFaults`. */
export interface ShrinkOptions {
  /** Process kinds; default the built-in ones. */
  catalog?: ProcessCatalog;
  /** Checkers; default the built-in ones. */
  checkers?: CheckerCatalog;
  /** Most runs the shrink may spend, the first one included; default 200 (`DEFAULT_MAX_RUNS`). */
  maxRuns?: number;
  /** When a candidate still shows the bug; default: the original run's first failure fails again. */
  stillFails?: (result: RunResult) => boolean;
  /**
   * Grid of the time searches (durations, start times, the run's length); default 1 ms, so the
   * times in the written scenario read like a person wrote them.
   */
  resolution?: Micros;
  /** Default `full`, so checkers that read the trace judge candidates as they judged the original. */
  recording?: Recording;
  /** Passed to every run: a host's wall-clock stop. An interrupted candidate never counts as failing. */
  shouldStop?: RunOptions["shouldStop"];
  /** Passed to every run. */
  replayCommand?: string;
  /** Called after every run, for progress. */
  onRun?: (runs: number, faults: number) => void;
}

/** What a shrink found. */
export interface ShrinkResult {
  /** The smallest failing scenario found: no nemesis, the shrunk faults and triggers, the seed set. */
  scenario: Scenario;
  /** Its scripted faults, which replay the failure without the nemesis. */
  faults: FaultSpec[];
  /** Runs spent, the first one included. */
  runs: number;
  /** The result of running `scenario`: the failure it still shows. */
  result: RunResult;
  /** False when the seed did not fail to begin with (then `scenario` is the input, unchanged). */
  reproduced: boolean;
  /** Faults in the original run's concrete schedule, before shrinking. */
  originalFaults: number;
}

/** Default budget of a shrink, in runs. Delta debugging 20 faults to 1 takes about 30. */
export const DEFAULT_MAX_RUNS = 200;

/**
 * Shrinks a failing run to a minimal scripted fault schedule that still fails. It runs the
 * scenario once, takes the concrete schedule (nemesis faults included) and drops the nemesis,
 * delta-debugs the fault list, then the trigger list, then shortens each fault and moves it as
 * late as it still fails, and finally cuts the run's length to what the failure needs. Every
 * candidate is run, so whatever it returns fails; the searches assume monotonic effects only to
 * choose what to try next. Bounded by `maxRuns`: out of budget, it returns the best so far.
 */
export async function shrinkFaults(scenario: Scenario, seed: Seed, options: ShrinkOptions = {}): Promise<ShrinkResult> {
  const maxRuns = options.maxRuns ?? DEFAULT_MAX_RUNS;
  const step = Math.max(1, options.resolution ?? MS);
  const runOptions: RunOptions = {
    seed, recording: options.recording ?? "full",
    ...(options.catalog ? { catalog: options.catalog } : {}),
    ...(options.checkers ? { checkers: options.checkers } : {}),
    ...(options.shouldStop ? { shouldStop: options.shouldStop } : {}),
    ...(options.replayCommand ? { replayCommand: options.replayCommand } : {}),
  };
  let runs = 0;
  const once = async (s: Scenario): Promise<RunResult | null> => {
    runs++;
    try {
      return await run(s, runOptions);
    } catch (e) {
      // A candidate the engine refuses (a time past the end, say) just does not reproduce.
      if (e instanceof InvalidScenarioError) return null;
      throw e;
    } finally {
      options.onRun?.(runs, best?.scenario.faults?.length ?? 0);
    }
  };

  let best: { scenario: Scenario; result: RunResult } | undefined;
  const original = (await once(scenario))!;
  const stillFails = options.stillFails ?? sameFailure(original);
  const originalFaults = original.schedule.faults.length;
  if (!stillFails(original)) {
    return { scenario, faults: scenario.faults ?? [], runs, result: original, reproduced: false, originalFaults };
  }
  best = { scenario, result: original };

  const budget = () => runs < maxRuns;
  /** Runs a candidate; when it fails, it becomes the best scenario so far. */
  const tryCandidate = async (s: Scenario): Promise<boolean> => {
    if (!budget()) return false;
    const r = await once(s);
    if (r === null || !stillFails(r)) return false;
    best = { scenario: s, result: r };
    return true;
  };

  const { nemesis: _drawn, ...withoutNemesis } = scenario;
  const concrete: Scenario = { ...withoutNemesis, seed, faults: original.schedule.faults.map((f) => ({ ...f })) };
  if (!(await tryCandidate(concrete))) {
    // The nemesis's schedule should replay the run exactly; if it does not, there is nothing
    // sound to shrink, and the original is the best reproduction there is.
    return finish(best, runs, originalFaults);
  }

  // Delta-debug the faults, then the triggers with the faults fixed.
  const base = () => best!.scenario;
  const faults = await ddmin(base().faults ?? [], (subset) => tryCandidate(withFaults(base(), subset)), budget);
  // ddmin's last successful test set `best`, but a memoised answer may not have: pin it.
  if (!sameItems(base().faults ?? [], faults)) await tryCandidate(withFaults(base(), faults));
  const triggers = base().triggers ?? [];
  if (triggers.length > 0) {
    const kept = await ddmin(triggers, (subset) => tryCandidate(withTriggers(base(), subset)), budget);
    if (!sameItems(base().triggers ?? [], kept)) await tryCandidate(withTriggers(base(), kept));
  }

  // Shorten each fault, then move each as late as it still fails, the last fault first so the
  // earlier ones have room to move into.
  for (let i = 0; i < (base().faults ?? []).length && budget(); i++) {
    const f = base().faults![i];
    if (f.duration === undefined || f.duration <= step) continue;
    await searchDown(0, f.duration, step, (d) => tryCandidate(replaceFault(base(), i, { ...f, duration: d })));
  }
  for (let i = (base().faults ?? []).length - 1; i >= 0 && budget(); i--) {
    const f = base().faults![i];
    const latest = base().duration - (f.duration ?? 0) - step;
    if (latest <= f.at) continue;
    await searchUp(f.at, latest, step, (at) => tryCandidate(replaceFault(base(), i, { ...f, at })));
  }

  // The workload, where it can: a run only as long as the failure needs.
  const lastEnd = (base().faults ?? []).reduce((m, f) => Math.max(m, f.at + (f.duration ?? 0)), 0);
  if (budget() && base().duration - lastEnd > step) {
    await searchDown(lastEnd, base().duration, step, (d) => tryCandidate(withDuration(base(), d)));
  }
  return finish(best, runs, originalFaults);
}

function finish(best: { scenario: Scenario; result: RunResult }, runs: number, originalFaults: number): ShrinkResult {
  return { scenario: best.scenario, faults: best.scenario.faults ?? [], runs, result: best.result, reproduced: true, originalFaults };
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function withFaults(s: Scenario, faults: readonly FaultSpec[]): Scenario {
  return { ...s, faults: [...faults] };
}

function withTriggers(s: Scenario, triggers: readonly TriggerSpec[]): Scenario {
  const { triggers: _old, ...rest } = s;
  return triggers.length > 0 ? { ...rest, triggers: [...triggers] } : rest;
}

function replaceFault(s: Scenario, i: number, f: FaultSpec): Scenario {
  const faults = [...(s.faults ?? [])];
  faults[i] = f;
  return { ...s, faults };
}

/** A shorter run: narration past the new end goes too, since it could never be shown. */
function withDuration(s: Scenario, duration: Micros): Scenario {
  const out: Scenario = { ...s, duration };
  if (s.narration) out.narration = s.narration.filter((n) => n.at === undefined || n.at < duration);
  if (s.limits?.maxTime !== undefined && s.limits.maxTime > duration) out.limits = { ...s.limits, maxTime: duration };
  return out;
}

/**
 * Binary search for the smallest value on the `step` grid above `lo` (assumed passing) for which
 * `fails` holds, given that `hi` fails. Returns the value found.
 */
export async function searchDown(lo: number, hi: number, step: number, fails: (v: number) => Promise<boolean>): Promise<number> {
  while (hi - lo > step) {
    const mid = lo + Math.max(step, Math.floor((hi - lo) / 2 / step) * step);
    if (mid >= hi) break;
    if (await fails(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * Binary search for the largest value on the `step` grid up to `hi` for which `fails` holds,
 * given that `lo` fails. `hi` itself is tried first: often the fault can go to the very end.
 */
export async function searchUp(lo: number, hi: number, step: number, fails: (v: number) => Promise<boolean>): Promise<number> {
  if (await fails(hi)) return hi;
  while (hi - lo > step) {
    const mid = lo + Math.max(step, Math.floor((hi - lo) / 2 / step) * step);
    if (mid >= hi) break;
    if (await fails(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}
