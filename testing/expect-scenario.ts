import type { RunResult } from "../engine/result";
import { simulate } from "../engine/index";
import { loadFile } from "../cli/shared/load-file";
import { parseSeeds } from "../cli/shared/flag-values";
import { replayPrefix } from "../cli/shared/run-file";
import { shrunkScenarioYaml } from "../scenarios/write/scenario-yaml";
import { shrinkFaults, DEFAULT_MAX_RUNS } from "../scenarios/runner/shrink";
import { firstFailure } from "./first-failure";
import { ScenarioFailure } from "./scenario-failure";

/** Options of `expectScenario`. */
export interface ExpectScenarioOptions {
  /** Seeds to run: `"1..50"`, `"1,5,9"`, a number, or a list; default the file's own (`seed`/`seeds`), else 1. */
  seeds?: string | number | readonly number[];
  /** Where relative file names start; default `process.cwd()`. The replay command names the file as given. */
  cwd?: string;
  /** Overrides, as `--set` takes them: `"workload.rate=200/s"`. */
  set?: readonly string[];
  /** Also shrink the failing seed and put the minimal scenario file in the message; a number is the shrink's run budget (default 200). */
  shrink?: boolean | number;
  /** Wall-clock limit of one run in milliseconds (default 60 000; 0 for none). */
  timeoutMs?: number;
}

/** What a passing call returns: every seed's result, in seed order. */
export interface ScenarioRuns {
  file: string;
  seeds: number[];
  results: RunResult[];
}

/**
 * Runs a scenario file (with the modules it names) over seeds, in this thread, and resolves when
 * every run passed: every check and expectation held as the file expects. At the first seed that
 * fails it rejects with a `ScenarioFailure` whose message gives the file, the seed, the first
 * violation, the replay command and, with `shrink`, the shrunk scenario as a file to commit. A
 * file that does not load rejects with its errors, formatted as the CLI prints them.
 *
 *     await expectScenario("scenarios/checkout.yaml", { seeds: "1..50" });
 */
export async function expectScenario(file: string, options: ExpectScenarioOptions = {}): Promise<ScenarioRuns> {
  const cwd = options.cwd ?? process.cwd();
  const sets = options.set ?? [];
  const load = await loadFile(file, { cwd, sets });
  if (!load.ok) throw new ScenarioFailure(`clustersim: ${file} does not load:\n${load.failed.report}`, { file });
  const loaded = load.loaded;
  const seeds = seedList(options.seeds) ?? loaded.seeds ?? [typeof loaded.scenario.seed === "number" ? loaded.scenario.seed : 1];
  const timeoutMs = options.timeoutMs ?? 60_000;
  const replayCommand = replayPrefix(file, sets);
  const results: RunResult[] = [];
  for (const seed of seeds) {
    const deadline = timeoutMs > 0 ? Date.now() + timeoutMs : Infinity;
    const { result } = await simulate(loaded.scenario, {
      seed, recording: "full", catalog: loaded.catalogs.catalog, checkers: loaded.catalogs.checkers, replayCommand,
      ...(deadline < Infinity ? { shouldStop: () => Date.now() > deadline } : {}),
    });
    if (!result.passed) {
      const lines = [
        `clustersim: ${file} failed at seed ${seed} (${results.length} of ${seeds.length} seeds passed before it)`,
        `  first violation: ${firstFailure(result)}`,
        `  replay: npx ${result.replay}`,
      ];
      let shrunk: string | undefined;
      if (options.shrink) {
        const maxRuns = typeof options.shrink === "number" ? options.shrink : DEFAULT_MAX_RUNS;
        const s = await shrinkFaults(loaded.scenario, seed, { catalog: loaded.catalogs.catalog, checkers: loaded.catalogs.checkers, maxRuns, replayCommand });
        if (s.reproduced) {
          const note = `Shrunk by expectScenario from seed ${seed} of ${file}: ${s.originalFaults} faults to ${s.faults.length}, in ${s.runs} runs.`;
          shrunk = shrunkScenarioYaml({ text: loaded.text, file, cwd, sets, original: loaded.scenario, shrunk: s.scenario, seed, note });
          lines.push(`  shrunk scenario (${s.faults.length} of ${s.originalFaults} faults; save it beside ${file} as a regression test):`, ...shrunk.trimEnd().split("\n").map((l) => `    ${l}`));
        }
      }
      throw new ScenarioFailure(lines.join("\n"), { file, seed, result, ...(shrunk ? { shrunk } : {}) });
    }
    results.push(result);
  }
  return { file, seeds, results };
}

function seedList(seeds: ExpectScenarioOptions["seeds"]): number[] | undefined {
  if (seeds === undefined) return undefined;
  if (typeof seeds === "number") return [seeds];
  if (typeof seeds !== "string") return [...seeds];
  try {
    return parseSeeds(seeds);
  } catch (e) {
    throw new ScenarioFailure(`clustersim: seeds ${JSON.stringify(seeds)}: ${e instanceof Error ? e.message.replace(/^--seeds [^:]*: /, "") : String(e)}`, {});
  }
}
