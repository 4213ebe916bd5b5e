import { describe, expect, test } from "vitest";
import { buildServerMap } from "./haproxy-map";
import { instances, withDown } from "./test-instances";

describe("haproxy map", () => {
  test("haproxy map: three equal servers deal one slot each in declaration order", () => {
    expect(Array.from(buildServerMap(instances("a", "b", "c")))).toEqual([0, 1, 2]);
  });

  test("haproxy map: weights {a:2, b:1} deal a a b", () => {
    // Slot 0: scores a 2, b 1 -> (2+3)/3 = 1 vs (1+3)/3 = 1: a (first). a -> -1.
    // Slot 1: a 1 -> 1, b 2 -> 1: a. a -> -2.  Slot 2: a 0 -> 1, b 3 -> 2: b.
    expect(Array.from(buildServerMap(instances({ a: 2, b: 1 })))).toEqual([0, 0, 1]);
  });

  test("haproxy map: weights are reduced by their common divisor, so {4, 2} is the same map", () => {
    expect(Array.from(buildServerMap(instances({ a: 4, b: 2 })))).toEqual([0, 0, 1]);
  });

  test("haproxy map: only running servers get slots", () => {
    expect(Array.from(buildServerMap(withDown(instances("a", "b", "c"), "b")))).toEqual([0, 2]);
    expect(buildServerMap(withDown(instances("a"), "a")).length).toBe(0);
  });
});
