import { describe, expect, it } from "vitest";
import { firstDifference } from "./trace-diff";

describe("firstDifference", () => {
  it("trace diff: equal traces have no difference", () => {
    expect(firstDifference("a\nb\n", "a\nb\n")).toBeNull();
  });
  it("trace diff: names the first differing line, 1-based, with both versions", () => {
    expect(firstDifference('{"t":1}\n{"t":2}\n{"t":3}\n', '{"t":1}\n{"t":2}\n{"t":4}\n')).toEqual({ line: 3, a: '{"t":3}', b: '{"t":4}' });
  });
  it("trace diff: a trace that stops early differs at the first line it lacks", () => {
    expect(firstDifference("x\ny\n", "x\n")).toEqual({ line: 2, a: "y", b: null });
    expect(firstDifference("x", "x\ny")).toEqual({ line: 2, a: null, b: "y" });
  });
});
