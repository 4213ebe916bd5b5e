import { describe, expect, test } from "vitest";
import type { Strategy } from "../strategy";
import { scriptedRng, testRng } from "../test-rng";
import { instances, pickIds } from "../test-instances";
import { createPowerOfTwoChoices } from "./power-of-two-choices";

function load(s: Strategy, id: string, n: number): void {
  for (let i = 0; i < n; i++) s.onStart(id);
}

describe("power-of-two-choices", () => {
  test("p2c: picks the less loaded of the two drawn instances", () => {
    const s = createPowerOfTwoChoices(undefined, scriptedRng([0, 1, 2, 0, 1, 2]));
    load(s, "a", 3);
    load(s, "b", 1);
    const list = instances("a", "b", "c");
    expect(s.pick(list, { now: 0 })?.id).toBe("b"); // draws a (3) and b (1)
    expect(s.pick(list, { now: 0 })?.id).toBe("c"); // draws c (0) and a (3)
    expect(s.pick(list, { now: 0 })?.id).toBe("c"); // draws b (1) and c (0)
  });

  test("p2c: on a tie it keeps the first draw, and may draw the same instance twice", () => {
    const s = createPowerOfTwoChoices(undefined, scriptedRng([1, 0, 2, 2]));
    const list = instances("a", "b", "c");
    expect(s.pick(list, { now: 0 })?.id).toBe("b");
    expect(s.pick(list, { now: 0 })?.id).toBe("c");
  });

  test("p2c: choiceCount 3 keeps the least loaded of three draws", () => {
    const s = createPowerOfTwoChoices({ choiceCount: 3 }, scriptedRng([0, 1, 2]));
    load(s, "a", 2);
    load(s, "b", 2);
    load(s, "c", 1);
    expect(s.pick(instances("a", "b", "c"), { now: 0 })?.id).toBe("c");
  });

  test("p2c: unequal weights use Envoy's EDF: {a:2, b:1} idle gives a b a a b a", () => {
    // Deadlines: a 0.5, b 1; a -> 1.0 (added after b); b (1.0, earlier) -> 2.0; a -> 1.5; a -> 2.0; b ...
    const s = createPowerOfTwoChoices(undefined, testRng(1));
    expect(pickIds(s, instances({ a: 2, b: 1 }), 6)).toEqual(["a", "b", "a", "a", "b", "a"]);
  });

  test("p2c: with unequal weights a busy host's weight shrinks to weight / (active + 1)", () => {
    const s = createPowerOfTwoChoices(undefined, testRng(1));
    const list = instances({ a: 2, b: 1 });
    const picks: string[] = [];
    for (let i = 0; i < 30; i++) {
      const id = s.pick(list, { now: i })!.id;
      picks.push(id);
      s.onStart(id); // held open: a's effective weight falls as its requests pile up
    }
    const a = picks.filter((id) => id === "a").length;
    // Without the bias a would get 20 of 30; with it the load evens out toward 2:1 in requests held.
    expect(a).toBeGreaterThan(15);
    expect(a).toBeLessThan(20);
  });

  test("p2c: spreads held load far more evenly than its draws alone would", () => {
    const s = createPowerOfTwoChoices(undefined, testRng(42));
    const list = instances("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");
    const counts = new Map<string, number>();
    for (let i = 0; i < 1000; i++) {
      const id = s.pick(list, { now: i })!.id;
      s.onStart(id);
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    const values = [...counts.values()];
    // Uniform random would spread 1000 over 10 with a range near 50; two choices keep it tight.
    expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(4);
  });

  test("p2c: nothing usable gives undefined", () => {
    expect(createPowerOfTwoChoices(undefined, testRng(1)).pick([], { now: 0 })).toBeUndefined();
  });
});
