import Ajv2020 from "ajv/dist/2020.js";
import standaloneCodeModule from "ajv/dist/standalone/index.js";
import type { JsonObject } from "../../engine/core/json";
import type { ProcessCatalog } from "../../engine/run-options";
import { buildScenarioSchema } from "./scenario-schema";
import { AJV_OPTIONS } from "./validate-shape";

/** One generated validator: a CommonJS module (ajv's standalone code requires its runtime helpers). */
export interface StandaloneValidator {
  /** The file name, `scenario.cjs` or `config-KIND.cjs`. */
  file: string;
  /** The kind whose config schema it checks; absent for the scenario schema. */
  kind?: string;
  code: string;
}

// The package's default export is the function; under some loaders it comes wrapped once more.
const standaloneCode = ((standaloneCodeModule as unknown as { default?: unknown }).default ?? standaloneCodeModule) as (ajv: Ajv2020, validate: unknown) => string;

/**
 * The scenario schema and each kind's config schema as standalone validator code, compiled with
 * exactly the options the loader compiles them with (config schemas: `$schema` dropped, strict
 * off, as scenarios/convert/config-check.ts does). The build writes these into dist/validators.
 */
export function standaloneValidators(catalog: ProcessCatalog): StandaloneValidator[] {
  const out: StandaloneValidator[] = [];
  const scenarioAjv = new Ajv2020({ ...AJV_OPTIONS, code: { source: true } });
  out.push({ file: "scenario.cjs", code: standaloneCode(scenarioAjv, scenarioAjv.compile(buildScenarioSchema())) });
  for (const kind of Object.keys(catalog).sort()) {
    const schema = catalog[kind].configSchema;
    if (!schema) continue;
    const { $schema: _drop, ...rest } = schema as JsonObject;
    const ajv = new Ajv2020({ ...AJV_OPTIONS, strict: false, code: { source: true } });
    out.push({ file: `config-${kind}.cjs`, kind, code: standaloneCode(ajv, ajv.compile(rest)) });
  }
  return out;
}
