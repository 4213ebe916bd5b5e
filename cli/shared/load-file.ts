import { readFileSync } from "node:fs";
import { resolve as resolvePath } from "node:path";
import type { Scenario } from "../../engine/scenario";
import type { ScenarioError } from "../../scenarios/errors";
import type { Catalogs } from "../../scenarios/runner/catalogs";
import { importUserCatalogs } from "../../scenarios/runner/user-catalogs";
import { allowModules } from "../../scenarios/runner/module-policy";
import { loadScenario, scenarioModules } from "../../scenarios/loader";
import { formatErrors } from "../../scenarios/format-error";
import { joinPath } from "../../scenarios/source/resolve-extends";
import { usePrecompiledValidators } from "./precompiled-validators";

/** A scenario file, loaded and checked, with everything a run of it needs. */
export interface LoadedFile {
  /** The name as the user wrote it: errors, reports and replay commands show this. */
  file: string;
  text: string;
  scenario: Scenario;
  /** The file's `seeds`, when it lists several. */
  seeds?: number[];
  /** File URLs of the modules it names (its own kinds and checkers). */
  modules: string[];
  catalogs: Catalogs;
  warnings: ScenarioError[];
  /** Every file read for it (itself and what it extends), by the name errors use. */
  sources: Record<string, string>;
}

/** A file that cannot run: the errors, and the report to print (with carets under the spots). */
export interface FailedFile {
  file: string;
  errors: ScenarioError[];
  /** When the file failed before the loader saw it (unreadable, modules that would not import): the code and message. */
  code?: "CS805" | "CS809";
  message?: string;
  /** Formatted for a terminal: code, file:line:col, the source line and a caret. */
  report: string;
}

/** What loading a file gives. */
export type FileLoad = { ok: true; loaded: LoadedFile } | { ok: false; failed: FailedFile };

/**
 * Reads a scenario file the way every command does: the text, the files it extends (relative
 * to it), the modules it names (imported, their kinds added to the catalogs before checking, so
 * a misspelt kind of the team's own is caught too), then the loader with `--set` overrides.
 * It reports problems as values; only a bug in clustersim throws.
 */
export async function loadFile(file: string, options: { cwd: string; sets?: readonly string[] }): Promise<FileLoad> {
  await usePrecompiledValidators();
  const sources: Record<string, string> = {};
  const read = (name: string): string | undefined => {
    try {
      return readFileSync(resolvePath(options.cwd, name), "utf8");
    } catch {
      return undefined;
    }
  };
  const text = read(file);
  if (text === undefined) {
    const why = whyUnreadable(resolvePath(options.cwd, file));
    return { ok: false, failed: { file, errors: [], code: "CS805", message: `cannot read ${file}: ${why}`, report: `error[CS805]: cannot read ${file}: ${why}` } };
  }
  sources[file] = text;
  const resolve = (name: string, from: string): string | undefined => {
    const joined = joinPath(from, name);
    const t = read(joined);
    if (t !== undefined) sources[joined] = t;
    return t;
  };
  const fail = (errors: ScenarioError[]): FileLoad => ({ ok: false, failed: { file, errors, report: formatErrors(errors, sources) } });

  const refs = scenarioModules(text, { file, resolve });
  if (!refs.ok) return fail(refs.errors);
  // Nothing is imported before every module passes the trust rule (scenarios/runner/module-policy.ts).
  const allowed = allowModules(refs.modules, file, { cwd: options.cwd });
  if (!allowed.ok) return fail(allowed.errors);
  const modules = allowed.urls;
  let catalogs: Catalogs;
  try {
    catalogs = await importUserCatalogs(modules);
  } catch (e) {
    const named = refs.modules.map((m) => m.specifier).join(", ");
    const why = e instanceof Error ? e.message : String(e);
    const message = `${file}: cannot load its modules (${named}): ${why}`;
    return { ok: false, failed: { file, errors: [], code: "CS809", message, report: `error[CS809]: ${message}` } };
  }
  const loaded = loadScenario(text, { file, sets: options.sets ?? [], catalog: catalogs.catalog, checkers: catalogs.checkers, resolve });
  if (!loaded.ok) return fail(loaded.errors);
  return {
    ok: true,
    loaded: {
      file, text, scenario: loaded.scenario, modules, catalogs, warnings: loaded.warnings, sources,
      ...(loaded.seeds ? { seeds: loaded.seeds } : {}),
    },
  };
}

/** Warnings, formatted like errors, for stderr. */
export function formatWarnings(loaded: LoadedFile): string {
  return loaded.warnings.length === 0 ? "" : formatErrors(loaded.warnings, loaded.sources) + "\n";
}

function whyUnreadable(path: string): string {
  try {
    readFileSync(path);
    return "unknown error";
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === "ENOENT") return "no such file";
    if (code === "EISDIR") return "it is a directory (check takes directories; run and validate take files)";
    if (code === "EACCES") return "permission denied";
    return e instanceof Error ? e.message : String(e);
  }
}
