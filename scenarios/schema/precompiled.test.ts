import { expect, test } from "vitest";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import fc from "fast-check";
import { stringify } from "yaml";
import type { ValidateFunction } from "ajv/dist/2020.js";
import { builtinCheckers, builtinProcesses } from "../../engine/systems/catalog";
import { loadScenario } from "../loader";
import { buildScenarioSchema } from "./scenario-schema";
import { standaloneValidators } from "./standalone-validators";
import { setPrecompiledConfigLookup, setPrecompiledScenarioValidator } from "./precompiled";
import { Prng } from "../../fuzz/inputs/prng";
import { mutateText } from "../../fuzz/inputs/mutate";
import { schemaArbitrary } from "../../fuzz/inputs/schema-arbitrary";
import { LIBRARY_DIR } from "../library/library-hashes";

// The build's precompiled validators (ajv standalone code, dist/validators) must give exactly the
// errors the validators compiled at run time give: same codes, positions, messages, suggestions.
// The same inputs are loaded twice, first with the schemas compiled here, then with the
// generated code registered, and the answers compared.

function libraryTexts(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (e.name.endsWith(".yaml")) out.push(readFileSync(join(dir, e.name), "utf8"));
    }
  };
  walk(LIBRARY_DIR);
  return out;
}

function inputs(): string[] {
  const texts = libraryTexts();
  const prng = new Prng(20261207);
  const mutated = Array.from({ length: 400 }, () => mutateText(prng, prng.pick(texts)));
  const shaped = fc.sample(schemaArbitrary(buildScenarioSchema() as never), { seed: 7, numRuns: 150 }).map((doc) => stringify(doc));
  // Configs of real kinds with wrong values: each kind's config check, not only the shape.
  const configs = Object.keys(builtinProcesses).filter((k) => builtinProcesses[k].configSchema).flatMap((kind) => [
    `name: t\nduration: 1s\nnodes: [a]\nservices:\n  - { kind: ${kind}, on: a, config: { nosuchoption: 1 } }\n`,
    `name: t\nduration: 1s\nnodes: [a]\nservices:\n  - { kind: ${kind}, on: a, config: { timeout: 5sec, rate: -1, bug: nope } }\n`,
  ]);
  return [...texts, ...mutated, ...shaped, ...configs];
}

function answers(docs: readonly string[]): unknown[] {
  return docs.map((text) => {
    const r = loadScenario(text, { file: "p.yaml", catalog: builtinProcesses, checkers: builtinCheckers, resolve: () => undefined });
    return r.ok ? { ok: true, warnings: r.warnings } : { ok: false, errors: r.errors };
  });
}

test("precompiled validators give exactly the errors of validators compiled at run time", () => {
  const docs = inputs();
  const compiledHere = answers(docs);
  expect(compiledHere.filter((a) => (a as { ok: boolean }).ok).length).toBeGreaterThan(40);
  expect(compiledHere.filter((a) => !(a as { ok: boolean }).ok).length).toBeGreaterThan(300);

  // Inside the checkout, so that the generated code's require("ajv/dist/runtime/...") resolves.
  const out = fileURLToPath(new URL("../../out", import.meta.url));
  mkdirSync(out, { recursive: true });
  const dir = mkdtempSync(join(out, "validators-"));
  const require = createRequire(join(dir, "x.cjs"));
  const configs = new Map<object, ValidateFunction>();
  for (const v of standaloneValidators(builtinProcesses)) {
    writeFileSync(join(dir, v.file), v.code);
    const validate = require(join(dir, v.file)) as ValidateFunction;
    if (v.kind) configs.set(builtinProcesses[v.kind].configSchema!, validate);
    else setPrecompiledScenarioValidator(validate);
  }
  setPrecompiledConfigLookup((schema) => configs.get(schema));
  expect(answers(docs)).toEqual(compiledHere);
}, 240_000);
