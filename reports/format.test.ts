import { describe, expect, it } from "vitest";
import type { ExpectationResult } from "../engine/result";
import { compareSeeds, formatCount, formatMeasured, slug, splitExpectation, truncate } from "./format";
import { describeFaultAction } from "./fault-label";

function exp(over: Partial<ExpectationResult>): ExpectationResult {
  return { metric: "latency", stat: "p99", op: "<", value: 250_000, text: "p99(latency) < 250ms", measured: 123_456, passed: true, ...over };
}

describe("format", () => {
  it("measured: in the unit the bound was written in", () => {
    expect(formatMeasured(exp({}))).toBe("123.456ms");
    expect(formatMeasured(exp({ metric: "errors", per: "requests", stat: "value", text: "errors / requests < 1%", value: 0.01, measured: 0.00421 }))).toBe("0.421%");
    expect(formatMeasured(exp({ stat: "rate", text: "rate(requests) > 100", value: 100, measured: 98.25 }))).toBe("98.25/s");
    expect(formatMeasured(exp({ stat: "count", text: "count(retries) <= 3", value: 3, measured: 4 }))).toBe("4");
    expect(formatMeasured(exp({ measured: null }))).toBe("no data");
  });

  it("measured: a comparison of two metrics shows both sides, a within its value's unit", () => {
    const against = { metric: "rr.latency", stat: "p99" as const };
    expect(formatMeasured(exp({ metric: "lc.latency", text: "p99(lc.latency) < 0.8 * p99(rr.latency)", value: 0.8, against, bound: 320_000, measured: 265_216 }))).toBe("265.216ms vs 320ms");
    expect(formatMeasured(exp({ metric: "a.calls", stat: "count", text: "count(a.calls) < count(b.calls)", value: 1, against: { metric: "b.calls", stat: "count" }, bound: 40, measured: 12 }))).toBe("12 vs 40");
    expect(formatMeasured(exp({ stat: "mean", op: "within", text: "mean(latency) within 2% of 110ms", value: 110_000, tolerance: { value: 0.02, relative: true }, measured: 111_500 }))).toBe("111.5ms");
  });

  it("expectation: split into subject and bound, in the user's words or rebuilt", () => {
    expect(splitExpectation(exp({}))).toEqual({ subject: "p99(latency)", bound: "< 250ms" });
    // Without the text the unit is unknown, so the bound is the raw number the loader stored.
    expect(splitExpectation(exp({ text: "" }))).toEqual({ subject: "p99(latency)", bound: "< 250000" });
  });

  it("counts: thousands separators that do not depend on the host's locale", () => {
    expect(formatCount(1234567)).toBe("1,234,567");
    expect(formatCount(-1000.5)).toBe("-1,000.5");
    expect(formatCount(999)).toBe("999");
  });

  it("seeds: numbers in numeric order before strings", () => {
    expect([10, "b", 2, "a", 1].sort(compareSeeds)).toEqual([1, 2, 10, "a", "b"]);
  });

  it("slug and truncate: safe file names and marked cuts", () => {
    expect(slug("2PC: coordinator crash / seed")).toBe("2pc-coordinator-crash-seed");
    expect(slug("***")).toBe("run");
    expect(truncate("abcdef", 4)).toBe("abc…");
    expect(truncate("abc", 4)).toBe("abc");
  });

  it("faults: every action in a few words", () => {
    expect([
      describeFaultAction({ action: "partition", groups: [["a", "b"], ["c"]] }),
      describeFaultAction({ action: "cut", from: "a", to: "b" }),
      describeFaultAction({ action: "bridge", groups: [["a"], ["c"]], bridge: "b" }),
      describeFaultAction({ action: "ring" }),
      describeFaultAction({ action: "skew", node: "a", offset: -1500 }),
      describeFaultAction({ action: "drift", node: "a", ppm: 120 }),
      describeFaultAction({ action: "link", from: "a", link: { lossRatio: 0.1, latency: { dist: "constant", value: 5000 } } }),
    ]).toEqual([
      "partition {a,b} | {c}",
      "cut a -> b",
      "bridge {a} | {c} via b",
      "majorities ring",
      "skew a by -1.5ms",
      "drift a 120ppm",
      'link a -> * latency={"dist":"constant","value":5000} lossRatio=0.1',
    ]);
  });
});
