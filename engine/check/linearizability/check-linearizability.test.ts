import { describe, expect, it } from "vitest";
import { checkLinearizability } from "./check-linearizability";
import { opsOf, type Line } from "./test-helpers";

const check = (lines: Line[], model: "register" | "cas-register" | "kv" = "cas-register", budgetSteps?: number) =>
  checkLinearizability(opsOf(lines), { model, budgetSteps });

describe("linearizability: registers", () => {
  it("accepts a read that overlaps a write and sees either value", () => {
    const h: Line[] = [[0, "invoke", "write", 1], [1, "invoke", "read", null], [1, "ok", "read", 1], [0, "ok", "write", 1], [1, "invoke", "read", null], [1, "ok", "read", 1]];
    expect(check(h, "register").verdict).toBe("linearizable");
    const h2: Line[] = [[0, "invoke", "write", 1], [1, "invoke", "read", null], [1, "ok", "read", null], [0, "ok", "write", 1]];
    expect(check(h2, "register").verdict).toBe("linearizable");
  });

  it("rejects a stale read after a completed write, naming the write and the read", () => {
    const h: Line[] = [[0, "invoke", "write", 1], [0, "ok", "write", 1], [0, "invoke", "write", 2], [0, "ok", "write", 2], [1, "invoke", "read", null], [1, "ok", "read", 1]];
    const r = check(h, "register");
    expect(r.verdict).toBe("not-linearizable");
    expect(r.failure!.operations.map((o) => o.callAt)).toEqual([3, 5]);
    expect(r.failure!.culprit.callAt).toBe(5);
    expect(r.failure!.possibleValues).toEqual([2]);
    expect(r.message).toContain("could only hold 2");
  });

  it("rejects a lost cas: two cas from 0 both succeed", () => {
    const h: Line[] = [[0, "invoke", "write", 0], [0, "ok", "write", 0],
      [1, "invoke", "cas", [0, 1]], [2, "invoke", "cas", [0, 2]], [1, "ok", "cas", [0, 1]], [2, "ok", "cas", [0, 2]]];
    const r = check(h);
    expect(r.verdict).toBe("not-linearizable");
    expect(r.failure!.culprit.f).toBe("cas");
  });

  it("Porcupine's register example: a read of 0 after a read of 100 with an overlapping write is not linearizable", () => {
    // porcupine's README: C0 put 100 over [0,100]; C1 get→100 over [25,75]; C2 get→0 over [30,60] is fine,
    // but get→100 at [25,75] then get→0 at [80,90] is not.
    // Porcupine's register starts at 0; ours starts absent (nil), so a first write sets 0.
    const zero: Line[] = [[3, "invoke", "write", 0], [3, "ok", "write", 0]];
    const bad: Line[] = [...zero, [0, "invoke", "write", 100], [1, "invoke", "read", null], [1, "ok", "read", 100], [2, "invoke", "read", null], [2, "ok", "read", 0], [0, "ok", "write", 100]];
    expect(check(bad, "register").verdict).toBe("not-linearizable");
    const good: Line[] = [...zero, [0, "invoke", "write", 100], [1, "invoke", "read", null], [2, "invoke", "read", null], [2, "ok", "read", 0], [1, "ok", "read", 100], [0, "ok", "write", 100]];
    expect(check(good, "register").verdict).toBe("linearizable");
  });

  it("a pending write may take effect late or never", () => {
    const late: Line[] = [[0, "invoke", "write", 1], [0, "info", "write", 1], [1, "invoke", "read", null], [1, "ok", "read", null], [1, "invoke", "read", null], [1, "ok", "read", 1]];
    expect(check(late, "register").verdict).toBe("linearizable");
    const never: Line[] = [[0, "invoke", "write", 1], [1, "invoke", "read", null], [1, "ok", "read", null]];
    expect(check(never, "register").verdict).toBe("linearizable");
    // But once it has been seen, it cannot be unseen.
    const flicker: Line[] = [...late, [1, "invoke", "read", null], [1, "ok", "read", null]];
    expect(check(flicker, "register").verdict).toBe("not-linearizable");
  });

  it("a failed operation did not happen", () => {
    const h: Line[] = [[0, "invoke", "write", 1], [0, "fail", "write", 1], [1, "invoke", "read", null], [1, "ok", "read", 1]];
    expect(check(h, "register").verdict).toBe("not-linearizable");
  });

  it("a pending cas whose comparison fails has no effect", () => {
    const h: Line[] = [[0, "invoke", "cas", [5, 6]], [0, "info", "cas", [5, 6]], [1, "invoke", "read", null], [1, "ok", "read", null]];
    expect(check(h).verdict).toBe("linearizable");
  });
});

describe("linearizability: key-value maps", () => {
  it("checks each key on its own and names the key of the failure", () => {
    const h: Line[] = [[0, "invoke", "put", "x", "a"], [0, "ok", "put", "x", "a"], [1, "invoke", "get", null, "b"], [1, "ok", "get", null, "b"],
      [1, "invoke", "get", null, "a"], [1, "ok", "get", "y", "a"]];
    const r = check(h, "kv");
    expect(r.partitions).toBe(2);
    expect(r.verdict).toBe("not-linearizable");
    expect(r.failure!.key).toBe("a");
  });

  it("appends concatenate strings and push onto lists; a read must see them in one order", () => {
    const h: Line[] = [[0, "invoke", "append", "x", "k"], [1, "invoke", "append", "y", "k"], [0, "ok", "append", "x", "k"], [1, "ok", "append", "y", "k"],
      [2, "invoke", "get", null, "k"], [2, "ok", "get", "yx", "k"]];
    expect(check(h, "kv").verdict).toBe("linearizable");
    const bad: Line[] = [...h, [2, "invoke", "get", null, "k"], [2, "ok", "get", "xy", "k"]];
    expect(check(bad, "kv").verdict).toBe("not-linearizable");
    const list: Line[] = [[0, "invoke", "append", 1, "l"], [0, "ok", "append", 1, "l"], [0, "invoke", "append", 2, "l"], [0, "ok", "append", 2, "l"], [1, "invoke", "get", null, "l"], [1, "ok", "get", [1, 2], "l"]];
    expect(check(list, "kv").verdict).toBe("linearizable");
  });

  it("a delete makes the key absent", () => {
    const h: Line[] = [[0, "invoke", "put", 1, "k"], [0, "ok", "put", 1, "k"], [0, "invoke", "delete", null, "k"], [0, "ok", "delete", null, "k"], [1, "invoke", "get", null, "k"], [1, "ok", "get", null, "k"]];
    expect(check(h, "kv").verdict).toBe("linearizable");
  });

  it("refuses an operation its model does not have", () => {
    expect(() => check([[0, "invoke", "cas", [1, 2]], [0, "ok", "cas", [1, 2]]], "register")).toThrow(/not an operation of the register model/);
  });
});

describe("linearizability: budget", () => {
  it("answers unknown, not a hang, when the step budget runs out", () => {
    const h: Line[] = [];
    for (let p = 0; p < 8; p++) h.push([p, "invoke", "write", p]);
    for (let p = 0; p < 8; p++) h.push([p, "ok", "write", p]);
    h.push([9, "invoke", "read", null], [9, "ok", "read", 3]);
    expect(check(h, "register", 5).verdict).toBe("unknown");
    expect(check(h, "register").verdict).toBe("linearizable");
  });
});
