import { describe, expect, it } from "vitest";
import { flattenState } from "./flatten-state";

describe("flatten state", () => {
  it("flatten state: lists paths depth first and marks what the last patches touched", () => {
    const rows = flattenState({ breaker: { state: "open", failures: 5 }, served: 3 }, [{ op: "replace", path: ["breaker", "state"], value: "open" }]);
    expect(rows.map((r) => [r.path, r.value, r.changed])).toEqual([
      ["breaker", "{2}", true],
      ["breaker.state", '"open"', true],
      ["breaker.failures", "5", false],
      ["served", "3", false],
    ]);
  });

  it("flatten state: a root replace marks every row changed", () => {
    const rows = flattenState({ a: 1, b: 2 }, [{ op: "replace", path: [], value: { a: 1, b: 2 } }]);
    expect(rows.every((r) => r.changed)).toBe(true);
  });

  it("flatten state: long lists show their length, and rows stop at the limit", () => {
    const rows = flattenState({ log: Array.from({ length: 50 }, (_, i) => i) }, []);
    expect(rows).toEqual([{ path: "log", value: "[50]", depth: 0, changed: false }]);
    expect(flattenState(Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, i])), [], 20)).toHaveLength(20);
  });
});
