import { describe, expect, test } from "vitest";
import { instances, withDown } from "../test-instances";
import { buildShTable, createWeightedSourceHash, shBucket } from "./weighted-source-hash";

describe("weighted-source-hash", () => {
  test("weighted-source-hash: the bucket is the top 8 bits of addr * 0x61C88647", () => {
    expect(shBucket(0, 0)).toBe(0);
    expect(shBucket(1, 0)).toBe(0x61);
    // 0x0A000007 * 0x61C88647 mod 2^32 = 0x727BABF1 -> bucket 0x72 = 114.
    expect(shBucket(0x0a000007, 0)).toBe(114);
    expect(shBucket(0x0a000007, 200)).toBe((114 + 200) & 255);
  });

  test("weighted-source-hash: buckets are dealt in turn, each server taking weight-many in a row", () => {
    const table = buildShTable(instances({ a: 2, b: 1 }));
    expect(Array.from(table.slice(0, 7))).toEqual([0, 0, 1, 0, 0, 1, 0]);
    const counts = [0, 0];
    for (const i of table) counts[i]++;
    expect(counts).toEqual([171, 85]);
  });

  test("weighted-source-hash: 10.0.0.7 lands in bucket 114, which three equal servers deal to a", () => {
    // Bucket 114 of [a, b, c, a, b, c, ...] is 114 % 3 = 0: a.
    const s = createWeightedSourceHash();
    expect(s.pick(instances("a", "b", "c"), { now: 0, sourceIp: "10.0.0.7" })?.id).toBe("a");
  });

  test("weighted-source-hash: with fallback a down server's clients walk on to an available one", () => {
    const s = createWeightedSourceHash();
    const got = s.pick(withDown(instances("a", "b", "c"), "a"), { now: 0, sourceIp: "10.0.0.7" })?.id;
    expect(["b", "c"]).toContain(got);
  });

  test("weighted-source-hash: without fallback (stock IPVS) a down server's clients are refused", () => {
    const s = createWeightedSourceHash({ fallback: false });
    expect(s.pick(withDown(instances("a", "b", "c"), "a"), { now: 0, sourceIp: "10.0.0.7" })).toBeUndefined();
  });

  test("weighted-source-hash: nothing to pick from gives undefined", () => {
    expect(createWeightedSourceHash().pick([], { now: 0, sourceIp: "10.0.0.7" })).toBeUndefined();
  });
});
