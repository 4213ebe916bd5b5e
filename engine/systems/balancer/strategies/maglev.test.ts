import { describe, expect, test } from "vitest";
import { murmur3 } from "../hash/murmur3";
import { instances, numbered, withDown } from "../test-instances";
import { buildMaglevTable, createMaglev, isPrime, populateMaglev } from "./maglev";

// The paper's Table 1 example: M = 7; B0 offset 3 skip 4, B1 offset 0 skip 2, B2 offset 3 skip 1.
// Permutations by (offset + j * skip) mod 7:  B0 3 0 4 1 5 2 6;  B1 0 2 4 6 1 3 5;  B2 3 4 5 6 0 1 2.
const B0 = { offset: 3, skip: 4, weight: 1 };
const B1 = { offset: 0, skip: 2, weight: 1 };
const B2 = { offset: 3, skip: 1, weight: 1 };

describe("maglev", () => {
  test("maglev: the paper's example fills B1 B0 B1 B0 B2 B2 B0", () => {
    // Round 1: B0 takes 3; B1 takes 0; B2 finds 3 taken and takes 4.
    // Round 2: B0 finds 0 and 4 taken, takes 1; B1 takes 2; B2 takes 5.  Round 3: B0 takes 6.
    expect(Array.from(populateMaglev([B0, B1, B2], 7))).toEqual([1, 0, 1, 0, 2, 2, 0]);
  });

  test("maglev: without B1 the example fills B0 B0 B0 B0 B2 B2 B2, moving slot 6 as well as B1's", () => {
    // Round 1: B0 3, B2 4.  Round 2: B0 0, B2 5.  Round 3: B0 1, B2 6.  Round 4: B0 2.
    expect(Array.from(populateMaglev([B0, B2], 7))).toEqual([0, 0, 0, 0, 1, 1, 1]);
  });

  test("maglev: with M = 65537 every backend owns within one slot of an even share", () => {
    const table = buildMaglevTable(numbered(10), 65537);
    const counts = new Array<number>(10).fill(0);
    for (const i of table) counts[i]++;
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
  });

  test("maglev: with M = 65537 keys spread within 5% of even", () => {
    const s = createMaglev();
    const list = numbered(10);
    const counts = new Map<string, number>();
    for (let k = 0; k < 100000; k++) {
      const id = s.pick(list, { now: 0, key: `k${k}` })!.id;
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    for (const c of counts.values()) expect(Math.abs(c - 10000) / 10000).toBeLessThan(0.05);
  });

  test("maglev: removing one of 10 backends with M = 65537 moves its slots and under 2% of the rest", () => {
    const list = numbered(10);
    const before = buildMaglevTable(list, 65537);
    const after = buildMaglevTable(withDown(list, "s3"), 65537);
    let own = 0;
    let extra = 0;
    let stillThere = 0;
    for (let s = 0; s < 65537; s++) {
      if (before[s] === 3) own++;
      else if (before[s] !== after[s]) extra++;
      if (after[s] === 3) stillThere++;
    }
    expect(stillThere).toBe(0);
    expect(own).toBeGreaterThan(6000);
    expect(extra / (65537 - own)).toBeLessThan(0.02);
  });

  test("maglev: weights {a:2, b:1} give a two thirds of the table", () => {
    const table = buildMaglevTable(instances({ a: 2, b: 1 }), 65537);
    const a = table.filter((i) => i === 0).length;
    expect(Math.abs(a / 65537 - 2 / 3)).toBeLessThan(0.001);
  });

  test("maglev: lookup is table[murmur3(key) mod M]", () => {
    const list = numbered(5);
    const table = buildMaglevTable(list, 65537);
    const s = createMaglev();
    for (const key of ["alpha", "beta", "gamma", "delta"]) {
      expect(s.pick(list, { now: 0, key })?.id).toBe(list[table[murmur3(key, 0) % 65537]].id);
    }
  });

  test("maglev: the table size must be prime", () => {
    expect(isPrime(65537)).toBe(true);
    expect(isPrime(65536)).toBe(false);
    expect(() => createMaglev({ tableSize: 1000 })).toThrow(/must be a prime/);
    expect(() => populateMaglev([{ offset: 0, skip: 2, weight: 1 }, { offset: 2, skip: 2, weight: 1 }], 8)).toThrow(/not prime/);
  });

  test("maglev: a tried instance passes the request to the next slot; nothing usable gives undefined", () => {
    const s = createMaglev({ tableSize: 251 });
    const list = numbered(3);
    const first = s.pick(list, { now: 0, key: "k" })!.id;
    const retry = s.pick(list, { now: 0, key: "k", tried: new Set([first]) })!.id;
    expect(retry).not.toBe(first);
    expect(s.pick(list, { now: 0, key: "k", tried: new Set(["s0", "s1", "s2"]) })).toBeUndefined();
    expect(s.pick([], { now: 0, key: "k" })).toBeUndefined();
  });
});
