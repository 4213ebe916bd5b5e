import { existsSync } from "node:fs";
import { relative, resolve } from "node:path";
import type { SweepItem } from "../../scenarios/runner/work-list";
import { shardUnits, workList } from "../../scenarios/runner/work-list";
import type { CommandContext } from "../shared/command-spec";
import { ExitCode } from "../shared/exit-codes";
import { expandPaths } from "../shared/expand-paths";
import { parseTimeout } from "../shared/flag-values";
import { libraryDir } from "../shared/library-dir";
import { loadAll } from "../shared/load-all";
import { progress } from "../shared/progress";
import { replayPrefix } from "../shared/run-file";
import { libraryRows, libraryTable } from "../../reports/library-table";
import { suiteSummaryJson } from "../../reports/sweep-summary";
import { autoWorkers, suiteExit } from "../shared/suite-exit";
import { printDemo } from "../shared/demo";

/**
 * `clustersim library [DIR]` (what `npm start` runs): every scenario of the library with its own
 * default seeds, in parallel, and one table: scenario, seeds, passed and failed, what the first
 * seed measured, and its trace hash. With no library yet, the built-in demo runs instead.
 */
export default async function library({ args, flags, io }: CommandContext): Promise<number> {
  const dir = args[0] ?? libraryDir();
  const files = existsSync(resolve(io.cwd, dir)) ? expandPaths([dir], io.cwd) : [];
  if (files.length === 0) {
    io.stderr(`The scenario library (${shortPath(io.cwd, dir)}) is empty; running the built-in demo instead.\n\n`);
    return printDemo({ json: flags.json }, io);
  }
  const loaded = await loadAll(files, io, [], { json: flags.json });
  if (!loaded) return ExitCode.badInput;
  const items: SweepItem[] = loaded.map((l) => ({
    file: l.file, scenario: l.scenario, modules: l.modules, replay: replayPrefix(l.file),
    ...(l.seeds ? { seeds: l.seeds } : {}),
  }));
  const units = shardUnits(workList(items), undefined).length;
  const bar = progress(io, "library", units, { quiet: flags.json === true });
  const { sweep } = await import("../../scenarios/runner/sweep");
  const suite = await sweep(items, undefined, {
    workers: flags.workers ?? autoWorkers(units, false),
    timeoutMs: parseTimeout(flags.timeout),
    onProgress: (p) => bar.update(p.done, p.failed, p.unit.scenario),
  });
  bar.finish();
  if (flags.json) {
    io.stdout(suiteSummaryJson(suite));
    return suiteExit(suite);
  }
  const rows = libraryRows(suite);
  io.stdout(libraryTable(rows));
  const failed = suite.runs.filter((r) => !r.result?.passed);
  io.stdout(`\n${rows.length} scenarios, ${suite.runs.length} runs: ${suite.runs.length - failed.length} passed, ${failed.length} failed (${(suite.wallTimeMs / 1000).toFixed(1)}s)\n`);
  for (const f of failed.slice(0, 10)) io.stdout(`  replay: ${f.result?.replay ?? `${replayPrefix(f.unit.file)} --seed ${f.unit.seed}`}\n`);
  return suiteExit(suite);
}

function shortPath(cwd: string, path: string): string {
  const rel = relative(cwd, resolve(cwd, path));
  return rel.startsWith("..") ? path : rel || ".";
}
