import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { SECOND } from "../../engine/core/time";
import type { SweepItem } from "./work-list";
import { shardUnits, workList } from "./work-list";

const item = (name: string, extra: Partial<SweepItem> = {}): SweepItem => ({
  file: `${name}.yaml`, scenario: { name, duration: SECOND, nodes: [{ name: "n" }], processes: [] }, ...extra,
});

describe("workList", () => {
  it("work list: items in order, each with the sweep's seeds in order", () => {
    const units = workList([item("a"), item("b")], [3, 1]);
    expect(units.map((u) => `${u.scenario}#${u.seed}@${u.index}`)).toEqual(["a#3@0", "a#1@1", "b#3@2", "b#1@3"]);
  });

  it("work list: without --seeds each item runs its own seeds, else its scenario's seed, else seed 1", () => {
    const a = item("a", { seeds: [5, 6] });
    const b = item("b");
    b.scenario.seed = 9;
    const units = workList([a, b, item("c")]);
    expect(units.map((u) => [u.scenario, u.seed])).toEqual([["a", 5], ["a", 6], ["b", 9], ["c", 1]]);
  });
});

describe("shardUnits", () => {
  it("shard: round robin, 1-based: unit k goes to shard (k mod n) + 1", () => {
    const list = Array.from({ length: 7 }, (_, k) => k);
    expect(shardUnits(list, { index: 1, count: 3 })).toEqual([0, 3, 6]);
    expect(shardUnits(list, { index: 2, count: 3 })).toEqual([1, 4]);
    expect(shardUnits(list, { index: 3, count: 3 })).toEqual([2, 5]);
  });

  it("shard: rejects an index outside 1..count", () => {
    expect(() => shardUnits([1], { index: 0, count: 2 })).toThrow(/from 1 to the count/);
    expect(() => shardUnits([1], { index: 3, count: 2 })).toThrow(RangeError);
  });

  it("shard: the n shards are a partition of the work, in stable order", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 17 }), (length, count) => {
      const list = Array.from({ length }, (_, k) => k);
      const parts = Array.from({ length: count }, (_, i) => shardUnits(list, { index: i + 1, count }));
      const joined = parts.flat().sort((x, y) => x - y);
      expect(joined).toEqual(list);
      for (const p of parts) expect(p).toEqual([...p].sort((x, y) => x - y));
      const sizes = parts.map((p) => p.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }));
  });
});
