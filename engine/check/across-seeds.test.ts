import { describe, expect, it } from "vitest";
import type { AcrossSeedsExpectation, MetricExpectation } from "../scenario";
import type { CheckResult, RunResult } from "../result";
import { SECOND } from "../core/time";
import { judgeAcrossSeeds } from "./across-seeds";
import { studentTQuantile, wilsonInterval } from "./statistics/index";

/** A run whose only content is a few counters and one check's status: all a verdict reads. */
function runWith(seed: number, counters: Record<string, number>, caught = false): RunResult {
  const check: CheckResult = { name: "bug", description: "", expected: "any", status: caught ? "violated" : "held", passed: true, violations: [], findings: [] };
  return {
    scenario: "s", seed, traceHash: null, traceVersion: 0, digest: "", recording: "off", stopReason: "duration", passed: true,
    stats: { events: 0, traceEvents: 0, virtualTime: 10 * SECOND, wallTimeMs: null, messages: { sent: 0, delivered: 0, dropped: 0, duplicated: 0, inFlight: 0 }, drops: {} },
    faults: [], schedule: { faults: [], triggers: [] }, checks: [check], expectations: [],
    metrics: { counters, gauges: {}, histograms: {}, interval: SECOND, series: [] }, narration: [], replay: "",
  };
}

const mean = (expectation: Omit<MetricExpectation, "stat"> & { stat?: MetricExpectation["stat"] }): AcrossSeedsExpectation =>
  ({ kind: "mean", expectation: { stat: "count", ...expectation }, text: "t" });

describe("across seeds", () => {
  it("mean: the t interval of the per-seed values decides, three ways", () => {
    const runs = [10, 12, 11, 13, 9].map((x, i) => runWith(i + 1, { a: x }));
    const half = studentTQuantile(0.975, 4) * Math.sqrt(2.5) / Math.sqrt(5);
    const lt = judgeAcrossSeeds(mean({ metric: "a", op: "<", value: 14 }), runs);
    expect(lt).toMatchObject({ kind: "mean", seeds: 5, estimate: 11, status: "confirmed", passed: true });
    expect(lt.low).toBeCloseTo(11 - half, 12);
    expect(lt.high).toBeCloseTo(11 + half, 12);
    expect(judgeAcrossSeeds(mean({ metric: "a", op: "<", value: 12 }), runs)).toMatchObject({ status: "consistent", passed: true });
    expect(judgeAcrossSeeds(mean({ metric: "a", op: "<", value: 9 }), runs)).toMatchObject({ status: "refuted", passed: false });
    expect(judgeAcrossSeeds(mean({ metric: "a", op: ">=", value: 9 }), runs)).toMatchObject({ status: "confirmed" });
  });

  it("mean within: confirmed inside the band, refuted when the interval misses it", () => {
    const runs = [100, 101, 99, 100].map((x, i) => runWith(i + 1, { a: x }));
    expect(judgeAcrossSeeds(mean({ metric: "a", op: "within", value: 100, tolerance: { value: 0.02, relative: true } }), runs)).toMatchObject({ status: "confirmed" });
    expect(judgeAcrossSeeds(mean({ metric: "a", op: "within", value: 110, tolerance: { value: 0.02, relative: true } }), runs)).toMatchObject({ status: "refuted" });
    expect(judgeAcrossSeeds(mean({ metric: "a", op: "within", value: 101, tolerance: { value: 0.5, relative: false } }), runs)).toMatchObject({ status: "consistent" });
  });

  it("mean of a comparison: the paired difference is tested against 0, with the sides' means", () => {
    const runs = [[10, 20], [11, 19], [30, 45], [5, 12]].map(([a, b], i) => runWith(i + 1, { a, b }));
    const v = judgeAcrossSeeds(mean({ metric: "a", op: "<", value: 0.8, against: { metric: "b", stat: "count" } }), runs);
    // Differences a − 0.8 b: −6, −4.2, −6, −4.6.
    expect(v.estimate).toBeCloseTo(-5.2, 12);
    expect(v.sides).toEqual({ left: 14, right: expect.closeTo(19.2, 12) });
    expect(v.status).toBe("confirmed");
  });

  it("mean: one seed gives no interval and cannot refute; a seed without the metric is no data", () => {
    expect(judgeAcrossSeeds(mean({ metric: "a", op: "<", value: 1 }), [runWith(1, { a: 5 })])).toMatchObject({ estimate: 5, low: null, high: null, status: "consistent", passed: true });
    expect(judgeAcrossSeeds(mean({ metric: "a", op: "<", value: 1, stat: "p99" }), [runWith(1, {}), runWith(2, {})])).toMatchObject({ status: "no-data", passed: false, missing: [1, 2] });
  });

  it("share: the Wilson interval of the seeds on which the condition holds", () => {
    const runs = Array.from({ length: 50 }, (_, i) => runWith(i + 1, { a: i < 48 ? 1 : 5, b: 3 }, i % 10 !== 0));
    const cond = { expectation: { metric: "a", stat: "count" as const, op: "<" as const, value: 1, against: { metric: "b", stat: "count" as const } } };
    const v = judgeAcrossSeeds({ kind: "share", condition: cond, op: ">=", share: 0.9, text: "t" }, runs);
    const ci = wilsonInterval(48, 50);
    expect(v).toMatchObject({ kind: "share", seeds: 50, successes: 48, estimate: 0.96, low: ci.low, high: ci.high, status: "consistent", passed: true });
    expect(judgeAcrossSeeds({ kind: "share", condition: cond, op: ">=", share: 0.8, text: "t" }, runs)).toMatchObject({ status: "confirmed" });
    // A check's verdicts: violated on 45 of 50 seeds.
    const caught = judgeAcrossSeeds({ kind: "share", condition: { check: "bug", status: "violated" }, op: ">=", share: 0.99, text: "t" }, runs);
    expect(caught).toMatchObject({ successes: 45, status: "refuted", passed: false });
    expect(judgeAcrossSeeds({ kind: "share", condition: { check: "bug", status: "held" }, op: "<=", share: 0.2, text: "t" }, runs)).toMatchObject({ successes: 5, status: "consistent" });
  });

  it("share: a condition without data is false on that seed", () => {
    const cond = { expectation: { metric: "nothing", stat: "p99" as const, op: "<" as const, value: 1 } };
    expect(judgeAcrossSeeds({ kind: "share", condition: cond, op: ">=", share: 0.6, text: "t" }, [runWith(1, {}), runWith(2, {}), runWith(3, {})])).toMatchObject({ successes: 0, high: expect.closeTo(0.5615, 4), status: "refuted" });
  });
});
