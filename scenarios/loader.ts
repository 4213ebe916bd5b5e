import type { Scenario } from "../engine/scenario";
import type { CheckerCatalog, ProcessCatalog } from "../engine/run-options";
import { scenarioError } from "./errors";
import type { ScenarioError } from "./errors";
import { ConvertContext } from "./convert/context";
import { checkConfigs } from "./convert/config-check";
import { convertScenario } from "./convert/convert-scenario";
import { crossCheck } from "./convert/cross-check";
import { validateShape } from "./schema/validate-shape";
import { applySets } from "./source/apply-sets";
import { parseSource } from "./source/parse-source";
import { resolveExtends } from "./source/resolve-extends";
import type { Extended, ModuleRef, ResolveFile } from "./source/resolve-extends";

/** The file name errors carry when the caller names none. */
export const DEFAULT_FILE = "<input>";

/** What the loader needs besides the text. Reading files is the caller's job (`resolve`). */
export interface LoadOptions {
  /** The file's name, for error positions and for resolving `extends` and `modules`. */
  file?: string;
  /** `--set path=value` overrides, applied after `extends` and before validation. */
  sets?: readonly string[];
  /** Process kinds; when given, `kind` and `profile` are checked against it, and configs against `configSchema`. */
  catalog?: ProcessCatalog;
  /** Checkers; when given, check names are checked against it. */
  checkers?: CheckerCatalog;
  /** Returns the text of a file named by `extends` (relative to `from`), or undefined. */
  resolve?: ResolveFile;
}

/** A loaded scenario, or every error found; nothing runs on an invalid file. */
export type LoadResult =
  | { ok: true; scenario: Scenario; seeds?: number[]; modules: ModuleRef[]; warnings: ScenarioError[] }
  | { ok: false; errors: ScenarioError[]; warnings: ScenarioError[] };

/**
 * Loads a scenario from YAML (or JSON) text: parse with positions, resolve `extends`, apply
 * `--set`, check the shape against the schema, convert human units to engine units, check
 * references, and check each process's config against its kind. It never throws: every
 * failure is a `ScenarioError` with a code, a file, a line and a column.
 */
export function loadScenario(text: string, options: LoadOptions = {}): LoadResult {
  try {
    return load(text, options);
  } catch (e) {
    // Reaching this is a bug in the loader; the fuzz tests assert it never happens.
    const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return { ok: false, errors: [scenarioError("CS900", { file: options.file ?? DEFAULT_FILE, line: 1, column: 1 }, "", message)], warnings: [] };
  }
}

function load(text: string, options: LoadOptions): LoadResult {
  const file = options.file ?? DEFAULT_FILE;
  const extended = readTree(text, file, options.resolve);
  if (!extended.ok) return { ok: false, errors: extended.errors, warnings: [] };
  const errors: ScenarioError[] = [];
  const root = applySets(extended.value.root, options.sets ?? [], errors);
  if (errors.length > 0) return { ok: false, errors, warnings: [] };
  const shape = validateShape(root);
  if (shape.length > 0) return { ok: false, errors: sortErrors(shape), warnings: [] };
  const ctx = new ConvertContext();
  const converted = convertScenario(root, ctx, options.catalog, options.checkers);
  if (ctx.errors.length === 0) crossCheck(converted, ctx);
  if (ctx.errors.length === 0) checkConfigs(converted.processes, options.catalog, ctx);
  const warnings = sortErrors(ctx.warnings);
  if (ctx.errors.length > 0) return { ok: false, errors: sortErrors(ctx.errors), warnings };
  const result: LoadResult = { ok: true, scenario: converted.scenario, modules: extended.value.modules, warnings };
  if (converted.seeds) result.seeds = converted.seeds;
  return result;
}

/** Parses the text and resolves `extends`: the tree before overrides and validation. */
function readTree(text: string, file: string, resolve: ResolveFile | undefined): { ok: true; value: Extended } | { ok: false; errors: ScenarioError[] } {
  const parsed = parseSource(text, file);
  if (!parsed.ok) return parsed;
  if (parsed.root.type !== "map") {
    return { ok: false, errors: [scenarioError("CS002", parsed.root.pos, "", "a scenario is a mapping of keys (name, duration, nodes...), not a list or a single value")] };
  }
  const errors: ScenarioError[] = [];
  const extended = resolveExtends(parsed.root, file, resolve, errors);
  if (!extended || errors.length > 0) return { ok: false, errors };
  return { ok: true, value: extended };
}

/**
 * The modules a scenario (and the files it extends) names under `modules`, each with the file
 * that named it. A host imports them and adds their kinds to the catalog before `loadScenario`,
 * so the kinds they export are known when the scenario is checked.
 */
export function scenarioModules(text: string, options: Pick<LoadOptions, "file" | "resolve"> = {}): { ok: true; modules: ModuleRef[] } | { ok: false; errors: ScenarioError[] } {
  try {
    const tree = readTree(text, options.file ?? DEFAULT_FILE, options.resolve);
    return tree.ok ? { ok: true, modules: tree.value.modules } : tree;
  } catch (e) {
    const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return { ok: false, errors: [scenarioError("CS900", { file: options.file ?? DEFAULT_FILE, line: 1, column: 1 }, "", message)] };
  }
}

/** Errors in reading order: by file, line, column. */
function sortErrors(errors: ScenarioError[]): ScenarioError[] {
  return errors.slice().sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
}
