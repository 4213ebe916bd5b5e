import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { ProcessCatalog } from "../../engine/run-options";
import { buildScenarioSchema } from "./scenario-schema";

/** Where the exported schema lives, for editors: `# yaml-language-server: $schema=.../scenarios/schema.json`. */
export const SCHEMA_FILE = fileURLToPath(new URL("../schema.json", import.meta.url));

const CATALOG_MODULE = new URL("../../engine/systems/catalog.ts", import.meta.url);

/**
 * The built-in process catalog, when it exists, so the exported schema completes each built-in
 * kind's `config` in editors. Until the components land there is none, and the schema has no
 * per-kind configs. (Node-only: the loader never imports this file.)
 */
export async function builtinCatalogForSchema(): Promise<ProcessCatalog | undefined> {
  if (!existsSync(fileURLToPath(CATALOG_MODULE))) return undefined;
  const mod = (await import(CATALOG_MODULE.href)) as { builtinProcesses?: ProcessCatalog };
  return mod.builtinProcesses;
}

/** The text `scenarios/schema.json` must hold: the schema, pretty-printed, with a final newline. */
export async function schemaFileText(): Promise<string> {
  return `${JSON.stringify(buildScenarioSchema({ catalog: await builtinCatalogForSchema() }), null, 2)}\n`;
}
