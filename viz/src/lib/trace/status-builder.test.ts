import { describe, expect, it } from "vitest";
import { StatusBuilder, statusLabel } from "./status-builder";

describe("status segments", () => {
  it("status: a breaker's state changes become segments that end where the next begins", () => {
    const s = new StatusBuilder();
    s.patches(0, 0, 0, [{ op: "add", path: ["breaker"], value: { state: "closed", failures: 0 } }]);
    s.patches(10, 1, 0, [{ op: "replace", path: ["breaker", "failures"], value: 3 }]);
    s.patches(20, 2, 0, [{ op: "replace", path: ["breaker", "state"], value: "open" }]);
    s.patches(50, 3, 0, [{ op: "replace", path: ["breaker", "state"], value: "half-open" }]);
    const segs = s.finish(Int32Array.from([4]), 100);
    expect(segs.map((x) => [x.lane, x.key, x.value, x.t0, x.t1])).toEqual([
      [4, "breaker.state", "closed", 0, 20],
      [4, "breaker.state", "open", 20, 50],
      [4, "breaker.state", "half-open", 50, 100],
    ]);
  });

  it("status: a whole-state replace and top-level keys are read; values that are objects are not", () => {
    const s = new StatusBuilder();
    s.patches(0, 0, 0, [{ op: "replace", path: [], value: { phase: "init", leader: "n2", data: { phase: "x" }, role: { nested: true } } }]);
    s.patches(5, 1, 0, [{ op: "replace", path: ["phase"], value: "prepared" }]);
    s.patches(5, 2, 0, [{ op: "replace", path: ["phase"], value: "prepared" }]);
    s.patches(9, 3, 0, [{ op: "remove", path: ["leader"] }]);
    const segs = s.finish(Int32Array.from([0]), 20).map((x) => [x.key, x.value, x.t0, x.t1]);
    expect(segs).toEqual([
      ["phase", "init", 0, 5],
      ["leader", "n2", 0, 9],
      ["data.phase", "x", 0, 20],
      ["phase", "prepared", 5, 20],
    ]);
  });

  it("status: a transaction's one-word state and a coordinator's phase are read, and end when removed", () => {
    const s = new StatusBuilder();
    s.patches(0, 0, 0, [{ op: "add", path: ["open"], value: {} }, { op: "add", path: ["committed"], value: 0 }]);
    s.patches(10, 1, 0, [{ op: "add", path: ["open", "client#1"], value: "working" }]);
    s.patches(20, 2, 0, [{ op: "replace", path: ["open", "client#1"], value: "uncertain" }]);
    s.patches(30, 3, 0, [{ op: "remove", path: ["open", "client#1"] }, { op: "replace", path: ["committed"], value: 1 }]);
    s.patches(10, 4, 1, [{ op: "add", path: ["active", "client#1"], value: { phase: "collecting", votes: {} } }]);
    s.patches(15, 5, 1, [{ op: "replace", path: ["active", "client#1"], value: { phase: "collecting", votes: { p1: "yes" } } }]);
    s.patches(25, 6, 1, [{ op: "replace", path: ["active", "client#1", "phase"], value: "deciding" }]);
    s.patches(40, 7, 1, [{ op: "remove", path: ["active", "client#1"] }]);
    const segs = s.finish(Int32Array.from([0, 1]), 100).map((x) => [x.lane, x.key, x.value, x.t0, x.t1]);
    expect(segs).toEqual([
      [0, "open.client#1", "working", 10, 20],
      [0, "open.client#1", "uncertain", 20, 30],
      [1, "active.client#1.phase", "collecting", 10, 25],
      [1, "active.client#1.phase", "deciding", 25, 40],
    ]);
  });

  it("status: labels say whose status it is", () => {
    expect(statusLabel("state", "open")).toBe("open");
    expect(statusLabel("leader", "n2")).toBe("leader n2");
    expect(statusLabel("breaker.state", "half-open")).toBe("breaker: half-open");
    expect(statusLabel("open.client#1", "uncertain")).toBe("client#1: uncertain");
    expect(statusLabel("active.client#1.phase", "collecting")).toBe("client#1: collecting");
  });

  it("status: a crash ends the crashed lanes' segments", () => {
    const s = new StatusBuilder();
    s.patches(0, 0, 0, [{ op: "add", path: ["role"], value: "leader" }]);
    s.patches(0, 1, 1, [{ op: "add", path: ["role"], value: "follower" }]);
    s.crash(30, new Set([0]));
    const segs = s.finish(Int32Array.from([0, 1]), 100).map((x) => [x.lane, x.value, x.t1]);
    expect(segs).toEqual([[0, "leader", 30], [1, "follower", 100]]);
  });
});
