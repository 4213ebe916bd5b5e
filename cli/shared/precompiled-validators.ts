import { existsSync } from "node:fs";
import type { ValidateFunction } from "ajv/dist/2020.js";
import { builtinProcesses } from "../../engine/systems/catalog";
import { setPrecompiledConfigLookup, setPrecompiledScenarioValidator } from "../../scenarios/schema/precompiled";

/** What dist/validators/index.js exports (scripts/build-lib.mjs writes it). */
interface ValidatorsModule {
  scenario: ValidateFunction;
  config(kind: string): ValidateFunction | undefined;
}

let done: Promise<void> | undefined;

/**
 * Registers the build's precompiled validators (scenarios/schema/precompiled.ts) once per
 * process, when this code runs from a build that has them; in a checkout there are none and the
 * loader compiles the schemas itself, which gives the same errors, only later.
 */
export function usePrecompiledValidators(): Promise<void> {
  done ??= register();
  return done;
}

async function register(): Promise<void> {
  const index = new URL("../../validators/index.js", import.meta.url);
  if (!existsSync(index)) return;
  const m = (await import(index.href)) as ValidatorsModule;
  setPrecompiledScenarioValidator(m.scenario);
  const kinds = new Map<object, string>();
  for (const [kind, entry] of Object.entries(builtinProcesses)) if (entry.configSchema) kinds.set(entry.configSchema, kind);
  setPrecompiledConfigLookup((schema) => {
    const kind = kinds.get(schema);
    return kind === undefined ? undefined : m.config(kind);
  });
}
