import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { parse } from "yaml";
import { SCHEMA_FILE, schemaFileText } from "./schema-file";
import { OPTIONS_DOC_FILE, optionsDocText } from "./options-doc-file";
import { newAjv } from "./validate-shape";
import { loadScenario } from "../loader";

const exported = JSON.parse(readFileSync(SCHEMA_FILE, "utf8"));
const fixture = (name: string) => parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8"));

test("schema: scenarios/schema.json is what `npm run schema` writes (run it after changing the schema)", async () => {
  expect(readFileSync(SCHEMA_FILE, "utf8")).toBe(await schemaFileText());
});

test("schema: docs/options.md is what `npm run schema` writes from the options tables", () => {
  expect(readFileSync(OPTIONS_DOC_FILE, "utf8")).toBe(optionsDocText());
});

test("schema: the exported file on its own accepts the fixtures, as an editor would check them", () => {
  const validate = newAjv().compile(exported);
  for (const name of ["round-trip.yaml", "base.yaml"]) expect(validate(fixture(name)), JSON.stringify(validate.errors)).toBe(true);
});

test("schema: the exported file on its own rejects a misspelled key and a duration without a unit", () => {
  const validate = newAjv().compile(exported);
  expect(validate({ name: "t", duraton: "1s", nodes: 1 })).toBe(false);
  expect(validate({ name: "t", duration: 5, nodes: 1 })).toBe(false);
  expect(validate({ name: "t", duration: "5s", nodes: 1, network: { loss: "150" } })).toBe(false);
});

test("schema: the full example in docs/scenario-format.md loads", () => {
  const doc = readFileSync(new URL("../../docs/scenario-format.md", import.meta.url), "utf8");
  const first = /```yaml\n([\s\S]*?)```/.exec(doc)![1];
  const r = loadScenario(first, { file: "docs-example.yaml" });
  expect(r.ok, JSON.stringify(!r.ok && r.errors)).toBe(true);
});

test("schema: a proxy's strategyOptions, passiveHealth and breaker blocks are checked against their options tables", () => {
  const validate = newAjv().compile(exported);
  const withProxy = (proxy: Record<string, unknown>) => ({
    name: "t", duration: "5s", nodes: 2,
    services: [{ kind: "client", on: "n1", config: { service: "s", proxy } }],
  });
  const ok = (proxy: Record<string, unknown>) => expect(validate(withProxy(proxy)), JSON.stringify(validate.errors)).toBe(true);
  const bad = (proxy: Record<string, unknown>, key: string) => {
    expect(validate(withProxy(proxy))).toBe(false);
    expect(JSON.stringify(validate.errors)).toContain(key);
  };
  ok({ strategy: "power-of-two-choices", strategyOptions: { choiceCount: 3 } });
  ok({ strategy: "maglev", strategyOptions: { tableSize: 5003, key: "uri" }, passiveHealth: { mode: "consecutive", baseEjectionTime: "10s" }, breaker: { profile: "hystrix", slidingWindowSize: 20 } });
  bad({ strategy: "maglev", strategyOptions: { choiceCount: 3 } }, "choiceCount");
  bad({ strategyOptions: { maxFails: 1 } }, "maxFails"); // the default strategy, round-robin, takes none
  bad({ passiveHealth: { maxFail: 3 } }, "maxFail");
  bad({ breaker: { failureRate: 30 } }, "failureRate");
});
