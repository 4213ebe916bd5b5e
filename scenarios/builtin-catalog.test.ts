import { expect, test } from "vitest";
import { builtinCheckers, builtinProcesses } from "../engine/systems/catalog";
import { loadScenario } from "./loader";

// The loader against the real catalogs: every built-in config schema must compile under the
// loader's validator, and real profiles and schemas must behave as with the test catalog.

const BASE = "name: t\nduration: 10s\nnodes: [c, p1, p2, cl]\n";
const options = { catalog: builtinProcesses, checkers: builtinCheckers, file: "b.yaml" };

test("builtin: every kind's config schema compiles, so no config goes unchecked", () => {
  const kinds = Object.keys(builtinProcesses).filter((k) => builtinProcesses[k].configSchema);
  const services = kinds.map((k, i) => `  - { kind: ${k}, name: k${i}, on: c }`).join("\n");
  const r = loadScenario(`${BASE}services:\n${services}\n`, options);
  expect(r.warnings.filter((w) => w.code === "CS602")).toEqual([]);
});

test("builtin: a real profile merges under config, and the real schema checks the result", () => {
  const ok = loadScenario(`${BASE}services:\n  - { kind: 2pc-participant, on: [p1, p2], profile: coordinator-only, config: { decisionTimeout: 2s } }\n`, options);
  expect(ok.ok && ok.scenario.processes[0].config).toEqual({ termination: "coordinator-only", decisionTimeout: "2s" });
  const bad = loadScenario(`${BASE}services:\n  - { kind: 2pc-participant, on: p1, config: { decisionTimeout: 2sec } }\n`, options);
  expect(!bad.ok && bad.errors).toMatchObject([{ code: "CS203", line: 5, column: 65, message: expect.stringMatching(/"2sec" in services\[0\].config.decisionTimeout is not a duration/), suggestion: expect.stringContaining('"2s"') }]);
});

test("builtin: an unknown real profile lists the kind's profiles", () => {
  const r = loadScenario(`${BASE}services:\n  - { kind: 2pc-coordinator, on: c, profile: presumed-abrt }\n`, options);
  expect(!r.ok && r.errors[0]).toMatchObject({ code: "CS202", suggestion: 'did you mean "presumed-abort"?', message: expect.stringMatching(/presumed-abort, presumed-nothing/) });
});

test("builtin: check names are checked against the real checkers", () => {
  const r = loadScenario(`${BASE}checks: [atomicty]\n`, options);
  expect(!r.ok && r.errors[0]).toMatchObject({ code: "CS204", suggestion: 'did you mean "atomicity"?' });
});
