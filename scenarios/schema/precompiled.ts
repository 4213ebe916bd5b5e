import type { ValidateFunction } from "ajv/dist/2020.js";

/**
 * Validators compiled ahead of time. The build (scripts/build-lib.mjs) turns the scenario schema
 * and every built-in kind's config schema into plain JavaScript with ajv's standalone code, so
 * the installed command does not compile them at every start (compiling was about a third of a
 * small run's CPU). Whoever loads that code registers it here; the loader uses a registered
 * validator when there is one and compiles the schema itself otherwise (in a checkout, in the
 * browser). Both are generated from the same schema objects, so they give the same errors.
 */
let scenario: ValidateFunction | undefined;
let configLookup: ((schema: object) => ValidateFunction | undefined) | undefined;

/** Registers the precompiled scenario validator. */
export function setPrecompiledScenarioValidator(validate: ValidateFunction): void {
  scenario = validate;
}

/** The precompiled scenario validator, if one was registered. */
export function precompiledScenarioValidator(): ValidateFunction | undefined {
  return scenario;
}

/**
 * Registers where precompiled config validators come from: a lookup by the catalog's own schema
 * object, so that a kind a team's module redefines is never checked against the built-in code.
 * The lookup may load the code on first use.
 */
export function setPrecompiledConfigLookup(lookup: (schema: object) => ValidateFunction | undefined): void {
  configLookup = lookup;
}

/** The precompiled validator of a config schema, if there is one for that very object. */
export function precompiledConfigValidator(schema: object): ValidateFunction | undefined {
  return configLookup?.(schema);
}
