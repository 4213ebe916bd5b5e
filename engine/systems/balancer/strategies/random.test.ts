import { describe, expect, test } from "vitest";
import { scriptedRng, testRng } from "../test-rng";
import { instances, pickIds, withDown } from "../test-instances";
import { createRandom } from "./random";

describe("random", () => {
  test("random: a draw x in [0, total weight) picks the peer whose range holds it", () => {
    // Weights {a:5, b:1, c:1}: a holds 0..4, b holds 5, c holds 6.
    const s = createRandom(undefined, scriptedRng([4, 5, 6, 0]));
    expect(pickIds(s, instances({ a: 5, b: 1, c: 1 }), 4)).toEqual(["a", "b", "c", "a"]);
  });

  test("random: draws again when the drawn peer is down", () => {
    const s = createRandom(undefined, scriptedRng([0, 0, 2]));
    expect(pickIds(s, withDown(instances("a", "b", "c"), "a"), 1)).toEqual(["c"]);
  });

  test("random: picks in proportion to weight (5:1:1 over 70000 draws, within 2%)", () => {
    const s = createRandom(undefined, testRng(7));
    const counts: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (const id of pickIds(s, instances({ a: 5, b: 1, c: 1 }), 70000)) counts[id!]++;
    expect(Math.abs(counts.a - 50000)).toBeLessThan(1000);
    expect(Math.abs(counts.b - 10000)).toBeLessThan(200);
    expect(Math.abs(counts.c - 10000)).toBeLessThan(200);
  });

  test("random: after 21 draws on unusable peers it falls back to round robin", () => {
    const s = createRandom(undefined, scriptedRng(new Array(21).fill(0)));
    expect(pickIds(s, withDown(instances("a", "b"), "a"), 1)).toEqual(["b"]);
  });

  test("random: nothing usable gives undefined", () => {
    const s = createRandom(undefined, testRng(1));
    expect(s.pick(withDown(instances("a"), "a"), { now: 0 })).toBeUndefined();
    expect(s.pick([], { now: 0 })).toBeUndefined();
  });
});
