import { describe, expect, it } from "vitest";
import { SECOND } from "../../core/time";
import { CountBasedWindow } from "./count-based-window";
import { TimeBasedWindow } from "./time-based-window";

describe("sliding windows", () => {
  it("count window: holds the last N calls and evicts the oldest", () => {
    const w = new CountBasedWindow(3);
    w.record("ERROR", 10, 0);
    w.record("SLOW_SUCCESS", 20, 0);
    expect(w.snapshot(0)).toEqual({ totalCalls: 2, failedCalls: 1, slowCalls: 1, slowFailedCalls: 0, totalDurationUs: 30 });
    w.record("SLOW_ERROR", 30, 0);
    w.record("SUCCESS", 40, 0); // evicts the ERROR
    expect(w.snapshot(0)).toEqual({ totalCalls: 3, failedCalls: 1, slowCalls: 2, slowFailedCalls: 1, totalDurationUs: 90 });
  });

  it("count window: size 0 records nothing", () => {
    const w = new CountBasedWindow(0);
    w.record("ERROR", 5, 0);
    expect(w.snapshot(0).totalCalls).toBe(0);
  });

  it("time window: a bucket per virtual second retires whole after N seconds", () => {
    const w = new TimeBasedWindow(3, 0);
    w.record("ERROR", 1, 0);
    w.record("SUCCESS", 1, 999_999);
    w.record("SUCCESS", 1, 1 * SECOND);
    expect(w.snapshot(2 * SECOND + 999_999).totalCalls).toBe(3);
    expect(w.snapshot(3 * SECOND)).toMatchObject({ totalCalls: 1, failedCalls: 0 });
    expect(w.snapshot(4 * SECOND).totalCalls).toBe(0);
  });

  it("time window: a jump longer than the window empties it", () => {
    const w = new TimeBasedWindow(10, 0);
    for (let s = 0; s < 10; s++) w.record("ERROR", 1, s * SECOND);
    expect(w.snapshot(9 * SECOND).totalCalls).toBe(10);
    expect(w.snapshot(1000 * SECOND)).toEqual({ totalCalls: 0, failedCalls: 0, slowCalls: 0, slowFailedCalls: 0, totalDurationUs: 0 });
    w.record("ERROR", 1, 1000 * SECOND);
    expect(w.snapshot(1000 * SECOND).totalCalls).toBe(1);
  });

  it("windows: reject sizes that cannot be windows", () => {
    expect(() => new CountBasedWindow(-1)).toThrow("size must be a whole number >= 0, got -1");
    expect(() => new TimeBasedWindow(0, 0)).toThrow("size must be a whole number of seconds >= 1, got 0");
  });
});
