import { describe, expect, test } from "vitest";
import { EdfSchedule } from "./edf-schedule";

describe("edf schedule", () => {
  test("edf: weights 3:1 interleave by deadline, ties going to the earlier added", () => {
    const w = [3, 1];
    const edf = new EdfSchedule(2, (s) => w[s]);
    const picks: number[] = [];
    for (let i = 0; i < 8; i++) {
      const s = edf.pick(() => true);
      picks.push(s);
      edf.add(s, w[s]);
    }
    // Deadlines: slot 0 at 1/3, 2/3, 1 (added after slot 1's 1, so slot 1 goes first), 4/3, 5/3,
    // then 1 + 1/3 + 1/3 + 1/3, which in doubles (as in Envoy's C++) is 1.9999999999999998, just ahead of
    // slot 1's 2.
    expect(1 + 1 / 3 + 1 / 3 + 1 / 3).toBeLessThan(2);
    expect(picks).toEqual([0, 0, 1, 0, 0, 0, 0, 1]);
  });

  test("edf: ineligible slots are passed over, and nothing eligible gives -1", () => {
    const edf = new EdfSchedule(2, () => 1);
    expect(edf.pick((s) => s === 1)).toBe(1);
    expect(edf.pick(() => false)).toBe(-1);
  });
});
