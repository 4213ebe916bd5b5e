import { describe, expect, it } from "vitest";
import { WallDeadline, postRunReserveMs, RESERVE_BASE_MS } from "./wall-deadline";

describe("WallDeadline", () => {
  it("counts from its start; no limit never passes and never polls", () => {
    let t = 1_000;
    const d = new WallDeadline(500, 800, () => t);
    expect(d.endsAt).toBe(1_300);
    expect(d.remainingMs()).toBe(300);
    expect(d.passed()).toBe(false);
    t = 1_300;
    expect(d.passed()).toBe(true);
    const none = new WallDeadline(0, 0, () => t);
    expect(none.limited).toBe(false);
    expect(none.remainingMs()).toBe(Infinity);
    expect(none.runStop()).toBeUndefined();
  });

  it("stops a run when what is left is no more than the post-run reserve of the run so far", () => {
    let t = 0;
    const d = new WallDeadline(10_000, 0, () => t);
    const stop = d.runStop(() => 200)!;
    t = 5_000;
    expect(stop()).toBe(false);
    // At 9 s the reserve is 250 ms + 5 % of 9 s + 1.5 ms × 200 MB = 1 s: exactly what is left.
    t = 9_000;
    expect(postRunReserveMs(9_000, 200)).toBeCloseTo(1_000);
    expect(stop()).toBe(true);
    expect(postRunReserveMs(0, 0)).toBe(RESERVE_BASE_MS);
  });
});
