import { describe, expect, it } from "vitest";
import { eventNear } from "./hit-test";
import { K } from "../trace/event-kinds";
import type { TraceBundle } from "../trace/trace-bundle";

function bundle(events: Array<{ t: number; kind: number; lane: number; node: number }>): TraceBundle {
  return {
    t: Float64Array.from(events.map((e) => e.t)), kind: Uint8Array.from(events.map((e) => e.kind)),
    lane: Int32Array.from(events.map((e) => e.lane)), node: Int32Array.from(events.map((e) => e.node)),
    lanes: [{ node: "a", proc: "x", address: "a/x", nodeIndex: 0 }, { node: "b", proc: "y", address: "b/y", nodeIndex: 1 }],
  } as unknown as TraceBundle;
}

describe("pointing at marks", () => {
  it("hit test: finds the nearest event on the lane, node events included, within the tolerance", () => {
    const b = bundle([
      { t: 100, kind: K.timer, lane: 0, node: 0 },
      { t: 104, kind: K.send, lane: 1, node: 1 },
      { t: 110, kind: K.crash, lane: -1, node: 0 },
      { t: 200, kind: K.metric, lane: -1, node: -1 },
    ]);
    expect(eventNear(b, 0, 101, 5)).toBe(0);
    expect(eventNear(b, 1, 101, 5)).toBe(1);
    expect(eventNear(b, 0, 109, 5)).toBe(2);
    expect(eventNear(b, 0, 200, 5)).toBe(-1);
    expect(eventNear(b, 0, 150, 5)).toBe(-1);
  });

  it("hit test: a drop at the same moment as a timer is the one pointed at", () => {
    const b = bundle([
      { t: 100, kind: K.timer, lane: 0, node: 0 },
      { t: 100, kind: K.send, lane: 0, node: 0 },
      { t: 100, kind: K.drop, lane: 0, node: 0 },
    ]);
    expect(eventNear(b, 0, 100, 10)).toBe(2);
    expect(eventNear(b, 0, 103, 10)).toBe(2);
  });
});
