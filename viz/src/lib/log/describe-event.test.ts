import { describe, expect, it } from "vitest";
import { describeEvent, DROP_REASONS } from "./describe-event";

describe("event descriptions", () => {
  it("describe: a drop says why, in words, for every reason the engine gives", () => {
    for (const reason of ["loss", "partition", "node-down", "sender-down", "no-process"]) {
      const text = describeEvent({ t: 1, seq: 1, kind: "drop", node: "b", id: 7, from: "a/x", to: "b/y", type: "PING", reason });
      expect(text).toBe(`PING #7 from a/x to b/y was dropped at b: ${DROP_REASONS[reason]}`);
    }
  });

  it("describe: messages, faults, state and checks read as sentences", () => {
    expect(describeEvent({ t: 0, seq: 0, kind: "send", node: "a", proc: "x", id: 3, from: "a/x", to: "b/y", type: "PREPARE", body: { tx: 1 } })).toBe('a/x sent PREPARE #3 to b/y {"tx":1}');
    expect(describeEvent({ t: 0, seq: 0, kind: "deliver", node: "b", proc: "y", id: 3, from: "a/x", to: "b/y", type: "PREPARE", dup: 1 })).toBe("b/y received PREPARE #3 from a/x (a network duplicate)");
    expect(describeEvent({ t: 0, seq: 0, kind: "crash", node: "a", lostWrites: 2 })).toBe("a crashed, losing 2 unsynced writes");
    expect(describeEvent({ t: 0, seq: 0, kind: "state", node: "a", proc: "x", patches: [{ op: "replace", path: ["phase"], value: "prepared" }] })).toBe('a/x state: phase = "prepared"');
    expect(describeEvent({ t: 0, seq: 0, kind: "check", name: "atomic-commit", status: "violated", passed: false })).toBe("check atomic-commit: violated (failed)");
  });
});
