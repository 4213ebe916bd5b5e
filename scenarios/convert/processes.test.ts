import { expect, test } from "vitest";
import { loadScenario } from "../loader";
import { testCatalog } from "../fixtures/test-catalog";

const BASE = "name: t\nduration: 10s\nnodes: 3\n";

test("profile: the named profile is merged under the process's config, which wins", () => {
  const r = loadScenario(`${BASE}services:\n  - { kind: echo-server, on: n1, profile: eureka, config: { mode: fast, port: 8080 } }\n`, { catalog: testCatalog });
  expect(r.ok && r.scenario.processes[0].config).toEqual({ heartbeat: "30s", mode: "fast", port: 8080 });
});

test("profile: alone, it is the whole config", () => {
  const r = loadScenario(`${BASE}services:\n  - { kind: echo-server, on: [n1, n2], profile: etcd }\n`, { catalog: testCatalog });
  expect(r.ok && r.scenario.processes.map((p) => p.config)).toEqual([{ heartbeat: "100ms", mode: "fast" }, { heartbeat: "100ms", mode: "fast" }]);
});

test("profile: a profile's values are checked against the kind's schema too", () => {
  const catalog = { ...testCatalog, "echo-server": { ...testCatalog["echo-server"], profiles: { bad: { port: 0 } } } };
  const r = loadScenario(`${BASE}services:\n  - { kind: echo-server, on: n1, profile: bad }\n`, { catalog });
  expect(!r.ok && r.errors[0]).toMatchObject({ code: "CS203", line: 5, column: 43, path: "services[0].config.port" });
});

test("profile: a kind without profiles says so", () => {
  const r = loadScenario(`${BASE}workload: { on: n1, rate: 1/s, profile: fast }\n`, { catalog: testCatalog });
  expect(!r.ok && r.errors[0]).toMatchObject({ code: "CS202", message: expect.stringMatching(/"client" has no profiles/) });
});

test("profile: without a catalog the loader cannot resolve it, and says why", () => {
  const r = loadScenario(`${BASE}services:\n  - { kind: echo-server, on: n1, profile: eureka }\n`);
  expect(!r.ok && r.errors[0]).toMatchObject({ code: "CS202", message: expect.stringMatching(/no process catalog/) });
});

test("processes: one entry on several nodes gives one process per node with the same name", () => {
  const r = loadScenario(`${BASE}processes:\n  - { kind: echo-server, name: api, on: [n1, n3], start: 1s }\n`, { catalog: testCatalog });
  expect(r.ok && r.scenario.processes).toEqual([
    { node: "n1", name: "api", kind: "echo-server", config: {}, startAt: 1_000_000 },
    { node: "n3", name: "api", kind: "echo-server", config: {}, startAt: 1_000_000 },
  ]);
});

test("processes: two processes of the same name on one node are refused", () => {
  const r = loadScenario(`${BASE}services:\n  - { kind: echo-server, on: n1 }\n  - { kind: echo-server, on: [n2, n1] }\n`);
  expect(!r.ok && r.errors[0]).toMatchObject({ code: "CS302", line: 6, column: 35 });
});

test("processes: the workload's own keys may not also be set in its config", () => {
  const r = loadScenario(`${BASE}workload: { on: n1, rate: 1/s, deadline: 1s, config: { deadline: 5 } }\n`);
  expect(!r.ok && r.errors[0]).toMatchObject({ code: "CS210", path: "workload.config.deadline" });
});
