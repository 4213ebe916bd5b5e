import { describe, expect, it } from "vitest";
import { MS } from "../../../core/time";
import { HEDGING_LIMITS, Hedge } from "./hedging";

describe("hedging (gRPC hedging policy)", () => {
  it("hedging: sends the first attempt at once and a second after the delay if nothing answered", () => {
    const h = new Hedge({ maxAttempts: 2, hedgingDelayUs: 100 * MS }, 0);
    expect(h.due(0)).toEqual([1]);
    expect(h.nextHedgeAt()).toBe(100 * MS);
    expect(h.due(100 * MS - 1)).toEqual([]);
    expect(h.due(100 * MS)).toEqual([2]);
    expect(h.nextHedgeAt()).toBeNull();
    expect(h.onOutcome(2, "success", 130 * MS)).toEqual({ kind: "commit", attempt: 2, outcome: "success", cancel: [1] });
    expect(h.isDone).toBe(true);
  });

  it("hedging: an answer before the delay means no second request is ever sent", () => {
    const h = new Hedge({ maxAttempts: 2, hedgingDelayUs: 100 * MS }, 0);
    h.due(0);
    expect(h.onOutcome(1, "success", 40 * MS)).toEqual({ kind: "commit", attempt: 1, outcome: "success", cancel: [] });
    expect(h.nextHedgeAt()).toBeNull();
    expect(h.due(200 * MS)).toEqual([]);
    expect(h.attemptsSent).toBe(1);
  });

  it("hedging: a non-fatal error sends the next attempt at once, without waiting its delay", () => {
    const h = new Hedge({ maxAttempts: 3, hedgingDelayUs: 100 * MS }, 0);
    h.due(0);
    expect(h.onOutcome(1, "non-fatal", 10 * MS)).toEqual({ kind: "send", attempt: 2 });
    expect(h.nextHedgeAt()).toBe(110 * MS);
    expect(h.onOutcome(2, "non-fatal", 20 * MS)).toEqual({ kind: "send", attempt: 3 });
    expect(h.onOutcome(3, "non-fatal", 30 * MS)).toEqual({ kind: "fail", lastAttempt: 3 });
  });

  it("hedging: a fatal error commits the call and cancels the rest", () => {
    const h = new Hedge({ maxAttempts: 3, hedgingDelayUs: 10 * MS }, 0);
    h.due(0);
    h.due(10 * MS);
    h.due(20 * MS);
    expect(h.onOutcome(2, "fatal", 25 * MS)).toEqual({ kind: "commit", attempt: 2, outcome: "fatal", cancel: [1, 3] });
    // A late answer from a cancelled attempt changes nothing.
    expect(h.onOutcome(1, "success", 30 * MS)).toEqual({ kind: "wait" });
  });

  it("hedging: after the last attempt has gone, non-fatal errors wait for the others", () => {
    const h = new Hedge({ maxAttempts: 2, hedgingDelayUs: 10 * MS }, 0);
    h.due(0);
    h.due(10 * MS);
    expect(h.onOutcome(1, "non-fatal", 15 * MS)).toEqual({ kind: "wait" });
    expect(h.onOutcome(2, "success", 20 * MS).kind).toBe("commit");
  });

  it("hedging: gRPC's rules: maxAttempts above 5 counts as 5, and no delay sends all at once", () => {
    expect(HEDGING_LIMITS).toEqual({ maxAttemptsCap: 5, defaultHedgingDelayUs: 0 });
    const h = new Hedge({ maxAttempts: 7 }, 1000);
    expect(h.maxAttempts).toBe(5);
    expect(h.due(1000)).toEqual([1, 2, 3, 4, 5]);
    expect(h.nextHedgeAt()).toBeNull();
  });

  it("hedging: bad options name the rule", () => {
    expect(() => new Hedge({ maxAttempts: 0 }, 0)).toThrow("hedging: maxAttempts must be a whole number >= 1, got 0");
    expect(() => new Hedge({ maxAttempts: 2, hedgingDelayUs: -5 }, 0)).toThrow("hedgingDelayUs must be a whole number of microseconds >= 0, got -5");
  });
});
