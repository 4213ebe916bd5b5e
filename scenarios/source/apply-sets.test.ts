import { expect, test } from "vitest";
import { loadScenario } from "../loader";

const BASE = "name: t\nduration: 10s\nnodes:\n  - n1\n  - n2\n  - { name: n3, zone: a }\nworkload: { on: n1, rate: 100/s }\n";
const load = (...sets: string[]) => loadScenario(BASE, { file: "s.yaml", sets });

test("--set: values are read as YAML and converted like the file's", () => {
  const r = load("workload.rate=200/s", "seed=9", "nodes.2.zone=b", "description=a b c");
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  expect((r.scenario.processes[0].config as { arrival: unknown }).arrival).toEqual({ pattern: "poisson", ratePerSecond: 200 });
  expect(r.scenario.seed).toBe(9);
  expect(r.scenario.nodes[2]).toEqual({ name: "n3", zone: "b" });
  expect(r.scenario.description).toBe("a b c");
});

test("--set: missing mappings on the way are created", () => {
  const r = load("network.crossZone.loss=2%");
  expect(r.ok && r.scenario.network).toEqual({ crossZone: { lossRatio: 0.02 } });
});

test("--set: a list value replaces the list, and null removes a key", () => {
  const r = load("nodes=[a, b]", "workload=null");
  expect(r.ok && r.scenario.nodes).toEqual([{ name: "a" }, { name: "b" }]);
  expect(r.ok && r.scenario.processes).toEqual([]);
});

test("--set: later overrides win", () => {
  const r = load("duration=5s", "duration=7s");
  expect(r.ok && r.scenario.duration).toBe(7_000_000);
});

test("--set: a bad value is checked like the file, and the error points into the override", () => {
  const r = load("workload.rate=fast");
  expect(!r.ok && r.errors[0]).toMatchObject({ code: "CS104", file: "--set", line: 1, column: 15, path: "workload.rate", excerpt: "workload.rate=fast" });
});

test("--set: a misspelled key is an unknown key with a suggestion", () => {
  const r = load("workload.rat=5/s");
  expect(!r.ok && r.errors[0]).toMatchObject({ code: "CS101", file: "--set", suggestion: 'did you mean "rate"?' });
});

test("--set: a path through a plain value names the path", () => {
  const r = load("duration.x=1");
  expect(!r.ok && r.errors[0]).toMatchObject({ code: "CS502", path: "duration.x", column: 10, message: expect.stringMatching(/duration is the value "10s", not a mapping/) });
});

test("--set: a list needs an index", () => {
  const r = load("nodes.zone=b");
  expect(!r.ok && r.errors[0]).toMatchObject({ code: "CS502", path: "nodes.zone", message: expect.stringMatching(/nodes.0.zone/) });
});

test("--set: malformed overrides are refused with the expected form", () => {
  for (const bad of ["=1", "noequals", "a..b=1", "seed=[1,"]) {
    const r = load(bad);
    expect(!r.ok && r.errors[0].code, bad).toBe("CS501");
  }
});

test("--set: overrides apply after extends, so they win over the base too", () => {
  const r = loadScenario("extends: b.yaml\n", { resolve: () => "name: b\nduration: 1s\nnodes: 1\nseed: 1\n", sets: ["seed=3"] });
  expect(r.ok && r.scenario.seed).toBe(3);
});
