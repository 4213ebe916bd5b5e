import { describe, expect, it } from "vitest";
import { laneAt, laneLayout } from "./lane-layout";
import type { Lane } from "../trace/trace-bundle";

const lanes: Lane[] = [
  { node: "a", proc: "x", address: "a/x", nodeIndex: 0 },
  { node: "a", proc: "y", address: "a/y", nodeIndex: 0 },
  { node: "b", proc: null, address: "b", nodeIndex: 1 },
];

describe("lane layout", () => {
  it("lane layout: stacks lanes with a gap between nodes, below the axis", () => {
    const l = laneLayout(lanes, 2, { laneHeight: 20, nodeGap: 10, top: 30 });
    expect(Array.from(l.y)).toEqual([40, 60, 90]);
    expect(Array.from(l.nodeTop)).toEqual([30, 80]);
    expect(Array.from(l.nodeBottom)).toEqual([70, 100]);
    expect(l.height).toBe(104);
  });

  it("lane layout: finds the lane under a point, and none in the gaps", () => {
    const l = laneLayout(lanes, 2, { laneHeight: 20, nodeGap: 10, top: 30 });
    expect(laneAt(l, 29)).toBe(-1);
    expect(laneAt(l, 30)).toBe(0);
    expect(laneAt(l, 49.9)).toBe(0);
    expect(laneAt(l, 50)).toBe(1);
    expect(laneAt(l, 75)).toBe(-1);
    expect(laneAt(l, 80)).toBe(2);
    expect(laneAt(l, 100)).toBe(-1);
  });
});
