import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import type { Scenario } from "../engine/scenario";
import { loadScenario } from "./loader";
import type { LoadOptions } from "./loader";
import { testCatalog, testCheckers } from "./fixtures/test-catalog";

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

/** Loads and fails the test with the errors when the text does not load. */
function ok(text: string, options: LoadOptions = {}) {
  const r = loadScenario(text, options);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.code} ${e.line}:${e.column} ${e.message}`).join("\n"));
  return r;
}

const BASE = "name: t\nduration: 10s\nnodes: [n1, n2, c1]\n";

/** The round-trip fixture as written out by hand in engine units. */
const ROUND_TRIP: Scenario = {
  name: "round-trip",
  description: "Every part of the format once, so the round-trip test can compare the loaded\nscenario with the one written out by hand.\n",
  seed: 7,
  duration: 30_000_000,
  nodes: [
    { name: "db1", zone: "a" },
    { name: "db2", zone: "b" },
    { name: "db3", zone: "a" },
    { name: "gw", zone: "a", ip: "10.0.9.1", clock: { skew: -5_000, driftPpm: 50 } },
    { name: "c1" },
  ],
  processes: [
    { node: "db1", name: "store", kind: "echo-server", config: { serviceTime: 3 } },
    { node: "db2", name: "store", kind: "echo-server", config: { serviceTime: 3 } },
    { node: "db3", name: "store", kind: "echo-server", config: { serviceTime: 3 } },
    { node: "gw", name: "echo-server", kind: "echo-server", config: {}, startAt: 500_000 },
    {
      node: "c1", name: "client", kind: "client",
      config: { target: "gw/echo-server", arrival: { pattern: "poisson", ratePerSecond: 100 }, deadline: 250_000, stopAt: 25_000_000 },
    },
  ],
  network: {
    latency: { dist: "uniform", min: 1_000, max: 5_000 },
    lossRatio: 0.01,
    fifo: true,
    crossZone: { latency: { dist: "lognormal", median: 20_000, sigma: 0.5 } },
    links: [{ from: "c1", to: "gw", latency: { dist: "constant", value: 2_000 }, bidirectional: true }],
  },
  faults: [
    { action: "crash", node: "db1", at: 2_000_000, duration: 5_000_000 },
    { action: "partition", groups: [["db1", "db2"], ["db3"]], at: 10_000_000, duration: 3_000_000 },
    { action: "cut", from: "gw", to: "db3", at: 15_000_000 },
    { action: "heal", at: 16_000_000 },
    { action: "skew", node: "db2", offset: 200_000, at: 17_000_000 },
  ],
  nemesis: {
    mix: { crash: 1, partition: 2 },
    interval: { dist: "exponential", mean: 4_000_000 },
    duration: { dist: "constant", value: 1_000_000 },
    from: 1_000_000,
    until: 20_000_000,
    targets: ["db1", "db2", "db3"],
  },
  triggers: [{ when: { on: "send", type: "COMMIT", from: "gw", to: "db1/store" }, do: { action: "crash", node: "gw" }, duration: 2_000_000 }],
  checks: [{ name: "no-lost-writes" }, { name: "eventual-response", params: { within: "5s" }, expect: "violate" }],
  expect: [
    { metric: "latency", stat: "p99", op: "<", value: 250_000, text: "p99(latency) < 250ms" },
    { metric: "errors", stat: "value", per: "requests", op: "<", value: 0.01, text: "errors / requests < 1%" },
    { metric: "requests", stat: "rate", op: ">=", value: 90, text: "rate(requests) >= 90/s" },
  ],
  narration: [
    { at: 2_000_000, text: "db1 crashes here." },
    { when: { on: "record", type: "commit" }, text: "The first commit." },
  ],
  limits: { maxEvents: 1_000_000, maxTime: 40_000_000 },
  tags: { level: "intro", topic: "fixtures" },
};

describe("loader: round trip", () => {
  test("loader: the round-trip fixture loads into exactly the scenario written out by hand", () => {
    const r = ok(fixture("round-trip.yaml"), { file: "round-trip.yaml", catalog: testCatalog, checkers: testCheckers });
    expect(r.scenario).toStrictEqual(ROUND_TRIP);
    expect(r.seeds).toEqual([1, 2, 3]);
    expect(r.warnings).toEqual([]);
  });

  test("loader: JSON is accepted and gives the same scenario as the same YAML", () => {
    const yaml = `${BASE}faults:\n  - { at: 1s, crash: n1, for: 2s }\nworkload: { on: c1, rate: 10/s }\n`;
    const json = JSON.stringify({
      name: "t", duration: "10s", nodes: ["n1", "n2", "c1"],
      faults: [{ at: "1s", crash: "n1", for: "2s" }], workload: { on: "c1", rate: "10/s" },
    }, null, "\t");
    expect(ok(json, { file: "t.json" }).scenario).toStrictEqual(ok(yaml).scenario);
  });

  test("loader: a scenario without seeds has no seeds and no seed", () => {
    const r = ok(BASE);
    expect(r.seeds).toBeUndefined();
    expect(r.scenario).toStrictEqual({ name: "t", duration: 10_000_000, nodes: [{ name: "n1" }, { name: "n2" }, { name: "c1" }], processes: [] });
  });
});

describe("loader: nodes", () => {
  test("nodes: a count names n1..nN", () => {
    expect(ok("name: t\nduration: 1s\nnodes: 3\n").scenario.nodes).toEqual([{ name: "n1" }, { name: "n2" }, { name: "n3" }]);
  });

  test("nodes: a group takes its zones in turn and shares its clock", () => {
    const r = ok("name: t\nduration: 1s\nnodes: { count: 3, prefix: r, zones: [east, west], clock: { drift: 10 } }\n");
    expect(r.scenario.nodes).toEqual([
      { name: "r1", zone: "east", clock: { driftPpm: 10 } },
      { name: "r2", zone: "west", clock: { driftPpm: 10 } },
      { name: "r3", zone: "east", clock: { driftPpm: 10 } },
    ]);
  });
});

describe("loader: seeds", () => {
  test("seeds: a list, and seed defaults to the first of them", () => {
    const r = ok(`${BASE}seeds: [5, 9]\n`);
    expect(r.seeds).toEqual([5, 9]);
    expect(r.scenario.seed).toBe(5);
  });

  test("seeds: a string seed is kept as a string", () => {
    expect(ok(`${BASE}seed: nightly\n`).scenario.seed).toBe("nightly");
  });
});

describe("loader: workload", () => {
  const arrival = (yaml: string) => ok(`${BASE}workload: ${yaml}\n`).scenario.processes[0].config as Record<string, unknown>;

  test("workload: a rate alone means poisson arrivals", () => {
    expect(arrival("{ on: c1, rate: 6000/m }").arrival).toEqual({ pattern: "poisson", ratePerSecond: 100 });
  });

  test("workload: constant arrivals are named", () => {
    expect(arrival("{ on: c1, arrival: constant, rate: 20/s }").arrival).toEqual({ pattern: "constant", ratePerSecond: 20 });
  });

  test("workload: bursts, ramps and closed loops are inferred from their keys", () => {
    expect(arrival("{ on: c1, burst: { size: 50, every: 2s } }").arrival).toEqual({ pattern: "bursts", size: 50, every: 2_000_000 });
    expect(arrival("{ on: c1, ramp: { from: 10/s, to: 200/s, over: 5s } }").arrival).toEqual({ pattern: "ramp", fromPerSecond: 10, toPerSecond: 200, over: 5_000_000 });
    expect(arrival("{ on: c1, concurrency: 8, think: 10ms }").arrival).toEqual({ pattern: "closed", concurrency: 8, think: 10_000 });
  });

  test("workload: a list of entries on several nodes gives one client per node", () => {
    const r = ok("name: t\nduration: 10s\nnodes: 4\nworkload:\n  - { on: [n1, n2], rate: 1/s, requests: 10 }\n  - { name: slow, on: n1, rate: 1/m }\n");
    expect(r.scenario.processes.map((p) => `${p.node}/${p.name}`)).toEqual(["n1/client", "n2/client", "n1/slow"]);
    expect(r.scenario.processes[0].config).toEqual({ arrival: { pattern: "poisson", ratePerSecond: 1 }, requests: 10 });
  });
});

describe("loader: modules", () => {
  test("modules: each module is returned with the file that named it", () => {
    const r = ok(`${BASE}modules: [./my-service.js]\n`, { file: "suite/a.yaml" });
    expect(r.modules).toMatchObject([{ specifier: "./my-service.js", from: "suite/a.yaml", pos: { file: "suite/a.yaml", line: 4, column: 11 } }]);
  });
});
