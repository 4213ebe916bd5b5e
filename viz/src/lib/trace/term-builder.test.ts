import { describe, expect, it } from "vitest";
import { TermBuilder, termAt } from "./term-builder";

describe("term segments along a lane", () => {
  it("reads a Raft server's term from its first whole publish and each replace, and ends it at a crash", () => {
    const b = new TermBuilder();
    b.patches(0, 0, 0, [{ op: "add", path: ["role"], value: "follower" }, { op: "add", path: ["term"], value: 0 }]);
    b.patches(150, 5, 0, [{ op: "replace", path: ["role"], value: "candidate" }, { op: "replace", path: ["term"], value: 1 }]);
    b.patches(152, 9, 0, [{ op: "replace", path: ["role"], value: "leader" }]);
    b.patches(200, 12, 1, [{ op: "replace", path: [], value: { role: "follower", term: 1, commit: 0 } }]);
    b.patches(300, 20, 0, [{ op: "replace", path: ["term"], value: 1 }]); // unchanged: no new segment
    b.crash(400, new Set([0]));
    b.patches(500, 30, 0, [{ op: "add", path: ["term"], value: 2.5 }]); // not a term
    const segs = b.finish(Int32Array.from([3, 4]), 1000);
    expect(segs.map((s) => [s.lane, s.term, s.t0, s.t1])).toEqual([[3, 0, 0, 150], [3, 1, 150, 400], [4, 1, 200, 1000]]);
    expect(termAt(segs, 3, 151)).toBe(1);
    expect(termAt(segs, 3, 149)).toBe(0);
    expect(termAt(segs, 3, 450)).toBeNull();
    expect(termAt(segs, 4, 199)).toBeNull();
  });
});
