import type { ValidateFunction } from "ajv/dist/2020.js";
import type { JsonObject } from "../../engine/core/json";
import type { ProcessCatalog } from "../../engine/run-options";
import type { ConvertContext } from "./context";
import type { PlacedProcess } from "./processes";
import { mapAjvErrors, newAjv } from "../schema/validate-shape";
import { precompiledConfigValidator } from "../schema/precompiled";
import type { SourceNode } from "../source/source-node";

/**
 * Compiled config schemas by schema object. Catalog entries are long-lived and their schemas
 * do not change, so a loader called for every seed of a sweep compiles each schema once.
 */
const compiled = new WeakMap<object, ValidateFunction | Error>();

/** Compiles a kind's config schema; component schemas may declare any draft, so `$schema` is dropped. */
function compile(schema: JsonObject): ValidateFunction | Error {
  let v = precompiledConfigValidator(schema) ?? compiled.get(schema);
  if (!v) {
    try {
      const { $schema: _drop, ...rest } = schema;
      const ajv = newAjv();
      ajv.opts.strict = false;
      v = ajv.compile(rest);
    } catch (e) {
      v = e instanceof Error ? e : new Error(String(e));
    }
    compiled.set(schema, v);
  }
  return v;
}

/**
 * Checks each process's config (with its profile merged in) against its kind's `configSchema`,
 * reporting CS203 at the offending value. An entry placed on several nodes is checked once.
 */
export function checkConfigs(processes: readonly PlacedProcess[], catalog: ProcessCatalog | undefined, ctx: ConvertContext): void {
  if (!catalog) return;
  const done = new Set<SourceNode>();
  for (const p of processes) {
    if (done.has(p.entry)) continue;
    done.add(p.entry);
    const kind = p.spec.kind !== undefined && Object.prototype.hasOwnProperty.call(catalog, p.spec.kind) ? catalog[p.spec.kind] : undefined;
    if (!kind?.configSchema) continue;
    const validate = compile(kind.configSchema);
    if (validate instanceof Error) {
      ctx.report("CS602", p.entry, p.path, `the config schema of kind "${p.spec.kind}" cannot be compiled (${validate.message}); its config was not checked`);
      continue;
    }
    if (validate(p.spec.config)) continue;
    const root: SourceNode = p.configNode ?? { type: "map", pos: p.entry.pos, entries: [] };
    for (const e of mapAjvErrors(validate.errors ?? [], root, p.configPath)) {
      ctx.errors.push({ ...e, code: "CS203", severity: "error", message: `config of kind "${p.spec.kind}": ${e.message}` });
    }
  }
}
