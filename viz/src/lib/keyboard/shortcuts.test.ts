import { describe, expect, it } from "vitest";
import { actionFor, SHORTCUTS, SPEEDS, stepSpeed } from "./shortcuts";

describe("keyboard shortcuts", () => {
  it("shortcuts: every action has a key, and no key means two actions", () => {
    const keys = ["ArrowRight", "ArrowLeft", " ", "k", "Home", "End", "+", "=", "-", "0", "[", "]", "<", ">", ",", ".", "v", "n", "N", "d", "c", "e", "o", "s", "t", "?", "Escape"];
    for (const key of keys) {
      for (const shiftKey of [false, true]) {
        const hits = SHORTCUTS.filter((s) => s.match({ key, shiftKey }));
        expect(hits.length, `${key} shift=${shiftKey}`).toBeLessThanOrEqual(1);
      }
    }
    expect(new Set(SHORTCUTS.map((s) => s.action)).size).toBe(SHORTCUTS.length);
  });

  it("shortcuts: arrows step, shift-arrows jump, modifiers are left to the browser", () => {
    expect(actionFor({ key: "ArrowRight" })).toBe("step-next");
    expect(actionFor({ key: "ArrowRight", shiftKey: true })).toBe("jump-forward");
    expect(actionFor({ key: "?" , shiftKey: true })).toBe("help");
    expect(actionFor({ key: "s", ctrlKey: true })).toBeNull();
    expect(actionFor({ key: "N", shiftKey: true })).toBe("prev-note");
  });

  it("speeds: step up and down the list and stop at its ends", () => {
    expect(stepSpeed(1, 1)).toBe(2);
    expect(stepSpeed(1, -1)).toBe(0.5);
    expect(stepSpeed(SPEEDS[0], -1)).toBe(SPEEDS[0]);
    expect(stepSpeed(SPEEDS[SPEEDS.length - 1], 1)).toBe(SPEEDS[SPEEDS.length - 1]);
    expect(stepSpeed(0.3, 1)).toBe(0.5);
    expect(stepSpeed(0.3, -1)).toBe(0.25);
  });
});
