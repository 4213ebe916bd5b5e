import { formatMicros } from "../../engine/core/time";
import { resolve } from "node:path";
import type { Seed } from "../../engine/scenario";
import { stableStringify } from "../../reports/json";
import { describeFaultAction } from "../../reports/fault-label";
import { failureKeys } from "../../scenarios/runner/failure-signature";
import type { CommandContext } from "../shared/command-spec";
import { ExitCode } from "../shared/exit-codes";
import { loadAll } from "../shared/load-all";
import { parseSeed, parseTimeout } from "../shared/flag-values";
import { progress } from "../shared/progress";
import { replayPrefix, seedOf } from "../shared/run-file";
import { shrunkScenarioYaml } from "../../scenarios/write/scenario-yaml";
import { writeFileAtomic } from "../../scenarios/write/write-file-atomic";
import { writingTo } from "../shared/write-error";

/**
 * `clustersim shrink FILE --seed N [--out FILE]`: reduces the failing run's concrete fault
 * schedule (nemesis faults included) to a minimal one that still fails the same way, and writes
 * it as a scenario file: to `--out`, else to stdout. Exit 1 when the seed fails (the written
 * scenario reproduces the failure), 0 when it passes and there is nothing to shrink.
 */
export default async function shrink({ args, flags, io }: CommandContext): Promise<number> {
  const sets = flags.set ?? [];
  const timeoutMs = parseTimeout(flags.timeout);
  const seedFlag: Seed | undefined = flags.seed === undefined ? undefined : parseSeed(flags.seed);
  const loaded = await loadAll(args, io, sets, { json: flags.json });
  if (!loaded) return ExitCode.badInput;
  const file = loaded[0];
  const seed = seedOf(file, seedFlag);
  const maxRuns = flags["max-runs"] ?? 200;

  const { shrinkFaults } = await import("../../scenarios/runner/shrink");
  // The shrink ends when it ends, usually long before its budget, so only a terminal gets a bar.
  const bar = progress(io, "shrink", maxRuns, { quiet: flags.json === true || !io.isTTY });
  // The wall-clock limit is per run: each run gets a fresh deadline when the one before ends.
  let deadline = timeoutMs > 0 ? Date.now() + timeoutMs : Infinity;
  const result = await shrinkFaults(file.scenario, seed, {
    catalog: file.catalogs.catalog,
    checkers: file.catalogs.checkers,
    maxRuns,
    replayCommand: replayPrefix(flags.out ?? file.file),
    shouldStop: () => Date.now() > deadline,
    onRun: (runs, faults) => {
      deadline = timeoutMs > 0 ? Date.now() + timeoutMs : Infinity;
      bar.update(runs, 0, `${faults} faults`);
    },
  });
  bar.finish();

  if (!result.reproduced) {
    const text = `${file.file} seed ${seed} passes: there is no failure to shrink\n`;
    if (flags.json) io.stdout(stableStringify({ reproduced: false, seed, runs: result.runs }) + "\n");
    else io.stdout(text);
    return ExitCode.ok;
  }

  const failure = failureKeys(result.result)[0] ?? "failure";
  const what = failure.replace(/^(check|expect|stop):/, "");
  const note = `Shrunk by \`clustersim shrink ${file.file} --seed ${seed}\`: ${result.originalFaults} faults to ${result.faults.length}, in ${result.runs} runs; it still fails ${what}.`;
  const yaml = shrunkScenarioYaml({
    text: file.text, file: file.file, cwd: io.cwd, ...(flags.out ? { out: flags.out } : {}), sets,
    original: file.scenario, shrunk: result.scenario, seed, note,
  });
  if (flags.out) {
    const out = resolve(io.cwd, flags.out);
    await writingTo(out, io.cwd, "the shrunk scenario", () => writeFileAtomic(out, yaml));
  }

  if (flags.json) {
    io.stdout(stableStringify({
      reproduced: true, seed, runs: result.runs, originalFaults: result.originalFaults, faults: result.faults,
      failure, out: flags.out ?? null, yaml, result: result.result,
    }, ["reproduced", "seed", "failure", "originalFaults", "faults", "runs", "out", "yaml", "result"]) + "\n");
    return ExitCode.failed;
  }
  const triggersBefore = file.scenario.triggers?.length ?? 0;
  const triggersAfter = result.scenario.triggers?.length ?? 0;
  const lines = [
    `${file.file} seed ${seed} fails ${what}.`,
    result.originalFaults === 0
      ? `The run had no scheduled faults to shrink (${result.runs} runs).`
      : `Shrunk the fault schedule from ${result.originalFaults} to ${result.faults.length} fault${result.faults.length === 1 ? "" : "s"} in ${result.runs} runs${result.faults.length === 0 ? "; it fails without any." : ":"}`,
    ...result.faults.map((f) => `  ${formatMicros(f.at).padEnd(9)}${describeFaultAction(f)}${f.duration !== undefined ? ` for ${formatMicros(f.duration)}` : ""}`),
  ];
  if (triggersBefore > 0) lines.push(`Kept ${triggersAfter} of ${triggersBefore} trigger${triggersBefore === 1 ? "" : "s"}.`);
  if (result.scenario.duration !== file.scenario.duration) lines.push(`The run now lasts ${formatMicros(result.scenario.duration)} (was ${formatMicros(file.scenario.duration)}).`);
  if (flags.out) {
    lines.push(`Wrote ${flags.out}.`, `replay: ${replayPrefix(flags.out)} --seed ${seed}`);
    io.stdout(lines.join("\n") + "\n");
  } else {
    io.stderr(lines.join("\n") + "\n");
    io.stdout(yaml);
  }
  return ExitCode.failed;
}
