import { describe, expect, test } from "vitest";
import { instances, pickIds, withDown } from "../test-instances";
import { createSmoothWeightedRoundRobin } from "./smooth-weighted-round-robin";

describe("smooth-weighted-round-robin", () => {
  test("swrr: weights {a:5, b:1, c:1} give nginx's documented sequence a a b a c a a, cycle after cycle", () => {
    const swrr = createSmoothWeightedRoundRobin();
    const seq = pickIds(swrr, instances({ a: 5, b: 1, c: 1 }), 14).join(" ");
    expect(seq).toBe("a a b a c a a a a b a c a a");
  });

  test("swrr: weights {a:5, b:1, c:2} give a c a a b a c a, the worked example of the nginx notes", () => {
    const swrr = createSmoothWeightedRoundRobin();
    expect(pickIds(swrr, instances({ a: 5, b: 1, c: 2 }), 8).join(" ")).toBe("a c a a b a c a");
  });

  test("swrr: a down peer is skipped and the others keep their proportions", () => {
    const swrr = createSmoothWeightedRoundRobin();
    expect(pickIds(swrr, withDown(instances({ a: 2, b: 1, c: 1 }), "a"), 4)).toEqual(["b", "c", "b", "c"]);
  });

  test("swrr: a failure drops the peer's effective weight to 0 and it climbs back one step per pick", () => {
    const list = instances({ a: 1, b: 1 });
    const healthy = createSmoothWeightedRoundRobin();
    expect(pickIds(healthy, list, 4)).toEqual(["a", "b", "a", "b"]);
    const failing = createSmoothWeightedRoundRobin();
    expect(failing.pick(list, { now: 0 })?.id).toBe("a");
    failing.onStart("a");
    failing.onEnd("a", { ok: false, latency: 5, now: 5 });
    // a: current -1, effective 0 -> picks 2 and 3 go to b while a's effective weight returns to 1.
    expect(pickIds(failing, list, 3)).toEqual(["b", "b", "a"]);
  });

  test("swrr: maxFails 0 leaves weights alone after a failure", () => {
    const swrr = createSmoothWeightedRoundRobin({ maxFails: 0 });
    const list = instances({ a: 1, b: 1 });
    swrr.pick(list, { now: 0 });
    swrr.onStart("a");
    swrr.onEnd("a", { ok: false, latency: 5, now: 5 });
    expect(pickIds(swrr, list, 3)).toEqual(["b", "a", "b"]);
  });

  test("swrr: a peer at max_conns is skipped", () => {
    const swrr = createSmoothWeightedRoundRobin();
    const list = instances({ a: 5, b: 1 }).map((i) => (i.id === "a" ? { ...i, maxConns: 1 } : i));
    swrr.onStart("a");
    expect(pickIds(swrr, list, 3)).toEqual(["b", "b", "b"]);
  });

  test("swrr: a membership change starts the state afresh, as an nginx reload does", () => {
    const swrr = createSmoothWeightedRoundRobin();
    expect(pickIds(swrr, instances({ a: 5, b: 1, c: 1 }), 3)).toEqual(["a", "a", "b"]);
    // With state carried over, c would come next; a fresh start over {5,1,1,1} begins a a b a.
    expect(pickIds(swrr, instances({ a: 5, b: 1, c: 1, d: 1 }), 4)).toEqual(["a", "a", "b", "a"]);
  });

  test("swrr: returns undefined for an empty list", () => {
    expect(createSmoothWeightedRoundRobin().pick([], { now: 0 })).toBeUndefined();
  });
});
