import type { CheckerCatalog, ProcessCatalog } from "../../engine/run-options";
import { builtinCheckers, builtinProcesses } from "../../engine/systems/catalog";

/** The catalogs a run uses: the built-in ones plus what the scenario's modules export. */
export interface Catalogs {
  catalog: ProcessCatalog;
  checkers: CheckerCatalog;
}

/**
 * What a module of a team's own code exports, as named exports or on its default export:
 * `processes` (kinds by name, like `builtinProcesses`) and `checkers` (like `builtinCheckers`).
 */
export interface CatalogModule {
  processes?: ProcessCatalog;
  checkers?: CheckerCatalog;
}

/**
 * Merges module catalogs over the built-in ones, later modules winning, so a team may replace a
 * built-in kind with its own on purpose.
 */
export function mergeCatalogs(modules: readonly CatalogModule[]): Catalogs {
  const out: Catalogs = { catalog: { ...builtinProcesses }, checkers: { ...builtinCheckers } };
  for (const m of modules) {
    Object.assign(out.catalog, m.processes ?? {});
    Object.assign(out.checkers, m.checkers ?? {});
  }
  return out;
}

/** How a module URL is imported: `import()` by default; Node callers pass one that also loads TypeScript. */
export type ImportModule = (url: string) => Promise<unknown>;

/**
 * Imports modules (URLs or absolute paths) and merges their catalogs over the built-in ones.
 * A module that exports neither `processes` nor `checkers` is an error that names it, because a
 * scenario that lists it surely meant to use something from it. `wrapKinds` sees each module's
 * own kinds (never the built-in ones): the Node host runs them under virtual time with it
 * (`importUserCatalogs`).
 */
export async function importCatalogs(
  specifiers: readonly string[],
  importModule: ImportModule = (url) => import(/* @vite-ignore */ url),
  wrapKinds: (kinds: ProcessCatalog) => ProcessCatalog = (kinds) => kinds,
): Promise<Catalogs> {
  const loaded: CatalogModule[] = [];
  for (const spec of specifiers) {
    const url = /^[a-z][a-z0-9+.-]*:/i.test(spec) && !/^[a-z]:[\\/]/i.test(spec) ? spec : pathToUrl(spec);
    const mod = (await importModule(url)) as CatalogModule & { default?: CatalogModule };
    const found = mod.processes || mod.checkers ? mod : mod.default;
    if (!found || (!found.processes && !found.checkers)) {
      throw new Error(`module ${spec} exports neither "processes" nor "checkers"; export one of them (a catalog object by kind name)`);
    }
    loaded.push({ processes: found.processes && wrapKinds(found.processes), checkers: found.checkers });
  }
  return mergeCatalogs(loaded);
}

/** An absolute file path as a file URL, without node:url, so this file also bundles for browsers. */
function pathToUrl(path: string): string {
  const slashed = path.replace(/\\/g, "/");
  return `file://${slashed.startsWith("/") ? "" : "/"}${encodeURI(slashed).replace(/#/g, "%23").replace(/\?/g, "%3F")}`;
}
