import { describe, expect, it } from "vitest";
import { parseAcrossSeeds } from "./across-seeds";
import { loadScenario } from "../loader";
import { testCatalog, testCheckers } from "../fixtures/test-catalog";

describe("acrossSeeds: parsing", () => {
  it("acrossSeeds: an expectation alone is about the mean over seeds", () => {
    expect(parseAcrossSeeds("mean(p2c.latency) within 10% of 110ms")).toEqual({
      ok: true, value: { kind: "mean", text: "mean(p2c.latency) within 10% of 110ms", expectation: { metric: "p2c.latency", stat: "mean", op: "within", value: 110_000, tolerance: { value: 0.1, relative: true }, text: "mean(p2c.latency) within 10% of 110ms" } },
    });
    expect(parseAcrossSeeds("mean(lc.latency) < 0.8 * mean(rr.latency)")).toMatchObject({ ok: true, value: { kind: "mean", expectation: { value: 0.8, against: { metric: "rr.latency" } } } });
  });

  it("acrossSeeds: `on OP N% of seeds` makes it a share of seeds, of an expectation or a check's verdict", () => {
    expect(parseAcrossSeeds("p99(p2c.latency) < p99(random.latency) on >= 90% of seeds")).toMatchObject({
      ok: true, value: { kind: "share", op: ">=", share: 0.9, condition: { expectation: { metric: "p2c.latency", against: { metric: "random.latency" } } } },
    });
    expect(parseAcrossSeeds("no-stale-routing violated on at least 95% of seeds")).toMatchObject({ ok: true, value: { kind: "share", op: ">=", share: 0.95, condition: { check: "no-stale-routing", status: "violated" } } });
    expect(parseAcrossSeeds("every-call-ends held on at most 10% of the seeds")).toMatchObject({ ok: true, value: { op: "<=", share: 0.1, condition: { check: "every-call-ends", status: "held" } } });
  });

  it("acrossSeeds: mistakes say what was expected, where", () => {
    expect(parseAcrossSeeds("count(errors) == 0")).toMatchObject({ ok: false, offset: 14, message: expect.stringMatching(/never exactly/) });
    expect(parseAcrossSeeds("p99(a) < 1ms on all seeds")).toMatchObject({ ok: false, offset: 13, suggestion: expect.stringMatching(/belongs in `expect`/) });
    expect(parseAcrossSeeds("p99(a) < 1ms on >= 120% of seeds")).toMatchObject({ ok: false, message: expect.stringMatching(/between 0% and 100%/) });
    expect(parseAcrossSeeds("avg(a) < 1ms on >= 90% of seeds")).toMatchObject({ ok: false, offset: 0, suggestion: 'did you mean "mean(...)"?' });
  });
});

describe("acrossSeeds: loading", () => {
  const base = "name: t\nduration: 10s\nnodes: [n1]\nchecks: [no-lost-writes]\n";
  it("acrossSeeds: loads into the scenario, and a check must be one of the scenario's checks (CS211)", () => {
    const ok = loadScenario(`${base}acrossSeeds:\n  - no-lost-writes held on >= 90% of seeds\n  - mean(latency) < 5ms\n`, { catalog: testCatalog, checkers: testCheckers });
    expect(ok.ok && ok.scenario.acrossSeeds?.map((a) => a.kind)).toEqual(["share", "mean"]);
    const bad = loadScenario(`${base}acrossSeeds:\n  - no-lost-write held on >= 90% of seeds\n`, { catalog: testCatalog, checkers: testCheckers });
    expect(!bad.ok && bad.errors[0]).toMatchObject({ code: "CS211", line: 6, column: 5, suggestion: 'did you mean "no-lost-writes"?' });
  });
});
