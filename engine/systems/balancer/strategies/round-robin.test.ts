import { describe, expect, test } from "vitest";
import { instances, pickIds, withDown } from "../test-instances";
import { createRoundRobin } from "./round-robin";

describe("round-robin", () => {
  test("round-robin: cycles through the instances in order, ignoring weights", () => {
    const rr = createRoundRobin();
    expect(pickIds(rr, instances({ a: 5, b: 1, c: 1 }), 6)).toEqual(["a", "b", "c", "a", "b", "c"]);
  });

  test("round-robin: rotates over the usable instances only", () => {
    const rr = createRoundRobin();
    expect(pickIds(rr, withDown(instances("a", "b", "c"), "b"), 4)).toEqual(["a", "c", "a", "c"]);
    expect(pickIds(createRoundRobin(), instances("a", "b", "c"), 2, { tried: new Set(["a"]) })).toEqual(["b", "c"]);
  });

  test("round-robin: keeps its index across a membership change, as Envoy's rr_index does", () => {
    const rr = createRoundRobin();
    expect(pickIds(rr, instances("a", "b", "c"), 2)).toEqual(["a", "b"]);
    expect(pickIds(rr, instances("a", "b", "c", "d"), 3)).toEqual(["c", "d", "a"]);
  });

  test("round-robin: returns undefined when nothing is usable", () => {
    const rr = createRoundRobin();
    expect(rr.pick([], { now: 0 })).toBeUndefined();
    expect(rr.pick(withDown(instances("a", "b"), "a", "b"), { now: 0 })).toBeUndefined();
  });

  test("round-robin: skips an instance at its maxConns until a request ends", () => {
    const rr = createRoundRobin();
    const list = [{ ...instances("a")[0], maxConns: 1 }, instances("x", "b")[1]];
    rr.onStart("a");
    expect(pickIds(rr, list, 2)).toEqual(["b", "b"]);
    rr.onEnd("a", { ok: true, latency: 1, now: 1 });
    expect(pickIds(rr, list, 2)).toContain("a");
  });
});
