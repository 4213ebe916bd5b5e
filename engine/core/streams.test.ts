import { describe, expect, it } from "vitest";
import seedrandom from "seedrandom";
import { StreamBank, createStream } from "./streams";

describe("random streams", () => {
  it("streams: every draw equals seedrandom's alea seeded with <root>/<name>", () => {
    const bank = new StreamBank(42);
    const names = Array.from({ length: 70 }, (_, i) => `proc/n${i}/p`);
    const ours = names.map((n) => bank.stream(n));
    const theirs = names.map((n) => seedrandom.alea(`42/${n}`));
    for (let round = 0; round < 200; round++) {
      for (let i = 0; i < names.length; i++) expect(ours[i].next()).toBe(theirs[i]());
    }
  });

  it("streams: a stream does not depend on which other streams exist or were drawn from", () => {
    const alone = createStream("s", "x");
    const bank = new StreamBank("s");
    const other = bank.stream("y");
    const x = bank.stream("x");
    for (let i = 0; i < 50; i++) other.next();
    for (let i = 0; i < 50; i++) expect(x.next()).toBe(alone.next());
  });

  it("streams: int, range, chance, pick and shuffle stay in their ranges", () => {
    const r = createStream(1, "r");
    for (let i = 0; i < 1000; i++) {
      const n = r.int(7);
      expect(Number.isInteger(n) && n >= 0 && n < 7).toBe(true);
      const x = r.range(-2, 3);
      expect(x >= -2 && x < 3).toBe(true);
    }
    expect(r.chance(0)).toBe(false);
    expect(r.shuffle([1, 2, 3, 4]).sort()).toEqual([1, 2, 3, 4]);
    expect(() => r.pick([])).toThrow(/empty/);
  });
});
