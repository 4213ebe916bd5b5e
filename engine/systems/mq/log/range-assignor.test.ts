import { describe, expect, it } from "vitest";
import { rangeAssign } from "./range-assignor";

const names = (m: Map<string, Array<{ topic: string; partition: number }>>) =>
  Object.fromEntries([...m].map(([id, tps]) => [id, tps.map((tp) => `${tp.topic}-${tp.partition}`)]));

describe("rangeAssign", () => {
  it("RangeAssignor: 7 partitions over 3 members give 3, 2, 2 contiguous partitions in member-id order", () => {
    const m = rangeAssign([{ id: "c", topics: { t: 7 } }, { id: "a", topics: { t: 7 } }, { id: "b", topics: { t: 7 } }]);
    expect(names(m)).toEqual({ c: ["t-5", "t-6"], a: ["t-0", "t-1", "t-2"], b: ["t-3", "t-4"] });
  });

  it("more members than partitions: the last members get nothing", () => {
    const m = rangeAssign([{ id: "a", topics: { t: 2 } }, { id: "b", topics: { t: 2 } }, { id: "c", topics: { t: 2 } }]);
    expect(names(m)).toEqual({ a: ["t-0"], b: ["t-1"], c: [] });
  });

  it("each topic is split among its own subscribers only", () => {
    const m = rangeAssign([{ id: "a", topics: { t: 2, u: 1 } }, { id: "b", topics: { t: 2 } }]);
    expect(names(m)).toEqual({ a: ["t-0", "u-0"], b: ["t-1"] });
  });
});
