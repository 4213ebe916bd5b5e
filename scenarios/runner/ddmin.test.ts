import { describe, expect, it } from "vitest";
import { ddmin } from "./ddmin";

describe("ddmin", () => {
  it("ddmin: finds the two items of twenty that together cause the failure", async () => {
    const items = Array.from({ length: 20 }, (_, i) => i);
    let tests = 0;
    const out = await ddmin(items, async (s) => { tests++; return s.includes(4) && s.includes(17); });
    expect(out).toEqual([4, 17]);
    expect(tests).toBeLessThan(60);
  });

  it("ddmin: returns the empty list when the failure needs no item", async () => {
    expect(await ddmin([1, 2, 3], async () => true)).toEqual([]);
  });

  it("ddmin: keeps order and returns a 1-minimal set", async () => {
    const items = ["a", "b", "c", "d", "e", "f", "g", "h"];
    const fails = async (s: readonly string[]) => s.filter((x) => "bdg".includes(x)).length >= 2;
    const out = await ddmin(items, fails);
    expect(out).toHaveLength(2);
    expect(out.every((x) => "bdg".includes(x))).toBe(true);
    expect(items.filter((x) => out.includes(x))).toEqual(out);
    for (const x of out) expect(await fails(out.filter((y) => y !== x))).toBe(false);
  });

  it("ddmin: stops when the budget runs out and returns a failing superset", async () => {
    const items = Array.from({ length: 64 }, (_, i) => i);
    let tests = 0;
    const out = await ddmin(items, async (s) => { tests++; return s.includes(63); }, () => tests < 3);
    expect(tests).toBe(3);
    expect(out).toContain(63);
    expect(out.length).toBeGreaterThan(1);
  });
});
