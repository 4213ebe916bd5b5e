import { describe, expect, it } from "vitest";
import { run, simulate } from "../index";
import type { Checker, OnlineChecker } from "./checker";
import type { Scenario } from "../scenario";
import { MS, SECOND } from "../core/time";

const counter: Scenario = {
  name: "counter", duration: 2 * SECOND, seed: 1,
  nodes: [{ name: "a" }],
  processes: [{ node: "a", name: "p", factory: (rt) => ({ start() { const f = () => { rt.metrics.count("ticks"); rt.metrics.observe("latency", 10 * MS); rt.record("tick"); rt.setTimer(100 * MS, f); }; f(); } }) }],
};
const noTicks: Checker = {
  name: "no-ticks", description: "No tick is ever recorded.",
  check: (ctx) => ({ violations: ctx.history.filter((h) => h.event === "tick").slice(0, 1).map((h) => ({ message: "ticked", t: h.t, nodes: [h.node], history: [h.index], events: [h.seq] })) }),
};

/** The same rule as `noTicks`, judged as the run goes. */
const noTicksOnline: OnlineChecker = {
  name: "no-ticks", description: "No tick is ever recorded.", events: ["tick"],
  start: () => {
    let first: { t: number; node: string; index: number; seq: number } | null = null;
    return {
      record(h) { first ??= { t: h.t, node: h.node, index: h.index, seq: h.seq }; },
      finish: () => ({ violations: first ? [{ message: "ticked", t: first.t, nodes: [first.node], history: [first.index], events: [first.seq] }] : [] }),
    };
  },
};

describe("checks and expectations", () => {
  it("checks: an online checker gives the same verdict as the post-run one, and the run keeps no history", async () => {
    const online = await simulate({ ...counter, checks: [{ name: "no-ticks", checker: noTicksOnline }] }, { seed: 7, keepHistory: false });
    const post = await simulate({ ...counter, checks: [{ name: "no-ticks", checker: noTicks }] }, { seed: 7, keepHistory: false });
    expect(online.result.checks).toEqual(post.result.checks);
    expect(online.result.traceHash).toBe(post.result.traceHash);
    expect(online.history).toEqual([]);
  });

  it("checks: a post-run checker still reads the whole history in run()", async () => {
    const seen: number[] = [];
    const counting: Checker = { name: "count", description: "Counts the history.", check: (ctx) => { seen.push(ctx.history.length); return { violations: [] }; } };
    await run({ ...counter, checks: [{ name: "count", checker: counting }] });
    expect(seen).toEqual([21]); // ticks at 0, 100 ms, ..., 2 s
  });


  it("checks: a violation names time, nodes, events, seed and the replay command", async () => {
    const r = await run({ ...counter, checks: [{ name: "no-ticks", checker: noTicks }] }, { seed: 7 });
    expect(r.passed).toBe(false);
    const v = r.checks[0].violations[0];
    expect(v).toMatchObject({ check: "no-ticks", t: 0, nodes: ["a"], history: [0], seed: 7, replay: 'clustersim replay "counter" --seed 7' });
    expect(v.events[0]).toBeGreaterThanOrEqual(0);
  });

  it("checks: expect violate passes only when the checker catches it", async () => {
    const caught = await run({ ...counter, checks: [{ name: "no-ticks", checker: noTicks, expect: "violate" }] });
    expect(caught.passed).toBe(true);
    const silent = await run({ ...counter, duration: 1, processes: [{ node: "a", name: "p", factory: () => ({}) }], checks: [{ name: "no-ticks", checker: noTicks, expect: "violate" }] });
    expect(silent.checks[0]).toMatchObject({ status: "held", passed: false });
  });

  it("expectations: stats, rates and ratios of metrics are measured and compared", async () => {
    const r = await run({
      ...counter,
      expect: [
        { metric: "latency", stat: "p99", op: "<", value: 11 * MS },
        { metric: "ticks", stat: "rate", op: ">=", value: 10 },
        { metric: "missing", stat: "count", op: "==", value: 0 },
        { metric: "missing", stat: "p99", op: "<", value: 1 },
        { metric: "ticks", stat: "count", per: "ticks", op: "==", value: 1 },
      ],
    });
    expect(r.expectations.map((e) => [e.measured, e.passed])).toEqual([[10 * MS, true], [10.5, true], [0, true], [null, false], [1, true]]);
    expect(r.expectations[0].text).toBe("p99(latency) < 11ms");
  });

  it("expectations: the right side may be another measurement of the run, times a factor; within takes a tolerance", async () => {
    const r = await run({
      ...counter,
      expect: [
        { metric: "latency", stat: "p99", op: "<", value: 0.5, against: { metric: "latency", stat: "max" } },
        { metric: "latency", stat: "p99", op: "<=", value: 1, against: { metric: "latency", stat: "max" } },
        { metric: "ticks", stat: "count", op: ">", value: 2, against: { metric: "missing", stat: "p99" } },
        { metric: "latency", stat: "mean", op: "within", value: 10.5 * MS, tolerance: { value: 0.05, relative: true } },
        { metric: "latency", stat: "mean", op: "within", value: 10.5 * MS, tolerance: { value: 0.4 * MS, relative: false } },
      ],
    });
    expect(r.expectations.map((e) => [e.measured, e.bound, e.passed])).toEqual([
      [10 * MS, 5 * MS, false], [10 * MS, 10 * MS, true], [21, null, false], [10 * MS, undefined, true], [10 * MS, undefined, false],
    ]);
    expect(r.expectations[0].text).toBe("p99(latency) < 0.5 * max(latency)");
    expect(r.expectations[3].text).toBe("mean(latency) within 5% of 10.5ms");
  });

  it("checks: an unknown check name is refused with the known ones", async () => {
    await expect(run({ ...counter, checks: [{ name: "nope" }] }, { checkers: { "every-call-ends": { factory: () => noTicks, description: "" } } })).rejects.toThrow(/unknown check "nope"; known checks: every-call-ends/);
  });
});
