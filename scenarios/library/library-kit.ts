import { expect } from "vitest";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { builtinCheckers, builtinProcesses, simulate } from "../../engine/index";
import type { Recording } from "../../engine/run-options";
import { loadScenario } from "../loader";
import type { Catalogs } from "../runner/catalogs";

/**
 * What every library test does with its files: load one with the built-in catalogs, or the ones
 * given (following `extends` relative to the file), and run it over each of its seeds asserting
 * that every check and expectation passes and every narration note is reached.
 */
export function loadLibraryFile(dir: string, file: string, sets: string[] = [], catalogs: Catalogs = { catalog: builtinProcesses, checkers: builtinCheckers }) {
  const path = join(dir, file);
  const r = loadScenario(readFileSync(path, "utf8"), {
    file: path, catalog: catalogs.catalog, checkers: catalogs.checkers, sets,
    resolve: (p, from) => { try { return readFileSync(join(dirname(from), p), "utf8"); } catch { return undefined; } },
  });
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.code} ${e.line}:${e.column} ${e.message}`).join("\n"));
  expect(r.warnings).toEqual([]);
  return r;
}

/**
 * Runs a loaded library scenario over each of its seeds; every check, expectation and note must
 * hold. A file that names modules passes their catalogs (`libraryCatalogs`).
 */
export async function expectEverySeedPasses(file: string, r: ReturnType<typeof loadLibraryFile>, recording: Recording = "full", catalogs?: Catalogs): Promise<void> {
  for (const seed of r.seeds ?? [1]) {
    const sim = await simulate(r.scenario, { seed, recording, ...catalogs });
    const failed = [
      ...sim.result.checks.filter((c) => !c.passed).map((c) => c.name),
      ...sim.result.expectations.filter((e) => !e.passed).map((e) => `${e.text} (measured ${e.measured})`),
    ];
    expect(failed, `${file} seed ${seed}`).toEqual([]);
    expect(sim.result.passed).toBe(true);
    expect(sim.result.narration.every((n) => n.at !== undefined), `${file} narration`).toBe(true);
  }
}
