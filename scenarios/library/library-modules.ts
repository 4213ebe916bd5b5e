import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { builtinCheckers, builtinProcesses } from "../../engine/index";
import type { Catalogs } from "../runner/catalogs";
import { importUserCatalogs } from "../runner/user-catalogs";
import { allowModules } from "../runner/module-policy";
import { scenarioModules } from "../loader";

/** Reads a file named relative to another library file, or nothing. */
export function readRelative(p: string, from: string): string | undefined {
  try {
    return readFileSync(join(dirname(from), p), "utf8");
  } catch {
    return undefined;
  }
}

/**
 * The catalogs a library file runs with: the built-in ones, plus the kinds and checkers of the
 * modules it names (the third-party scenarios bring opossum and cockatiel clients), loaded as
 * the command line loads them, under virtual time. Library modules are named by relative path.
 */
export async function libraryCatalogs(path: string, text: string): Promise<Catalogs> {
  const refs = scenarioModules(text, { file: path, resolve: readRelative });
  if (!refs.ok || refs.modules.length === 0) return { catalog: builtinProcesses, checkers: builtinCheckers };
  const allowed = allowModules(refs.modules, path);
  if (!allowed.ok) throw new Error(allowed.errors.map((e) => `${e.code} ${e.file}:${e.line}:${e.column} ${e.message}`).join("; "));
  return importUserCatalogs(allowed.urls);
}
