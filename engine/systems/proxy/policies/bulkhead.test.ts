import { describe, expect, it } from "vitest";
import { MS } from "../../../core/time";
import { BULKHEAD_DEFAULTS, Bulkhead } from "./bulkhead";

describe("bulkhead (Resilience4j SemaphoreBulkhead)", () => {
  it("bulkhead: the defaults are 25 concurrent calls and no waiting", () => {
    expect(BULKHEAD_DEFAULTS).toEqual({ maxConcurrentCalls: 25, maxWaitDurationUs: 0 });
  });

  it("bulkhead: with the defaults the 26th concurrent call is refused at once, and a release makes room", () => {
    const b = new Bulkhead();
    for (let i = 0; i < 25; i++) expect(b.tryAcquire(0).kind).toBe("permitted");
    expect(b.tryAcquire(0)).toEqual({ kind: "rejected" });
    expect(b.waitingCalls).toBe(0);
    expect(b.release(1)).toEqual({ granted: null, timedOut: [] });
    expect(b.availableConcurrentCalls).toBe(1);
    expect(b.tryAcquire(1).kind).toBe("permitted");
    expect(b.activeCalls).toBe(25);
  });

  it("bulkhead: with a wait, callers queue first come first served and a release hands the slot over", () => {
    const b = new Bulkhead({ maxConcurrentCalls: 1, maxWaitDurationUs: 100 * MS });
    expect(b.tryAcquire(0).kind).toBe("permitted");
    expect(b.tryAcquire(10)).toEqual({ kind: "queued", ticket: 1, deadline: 10 + 100 * MS });
    expect(b.tryAcquire(20)).toEqual({ kind: "queued", ticket: 2, deadline: 20 + 100 * MS });
    expect(b.nextDeadline()).toBe(10 + 100 * MS);
    expect(b.release(50 * MS)).toEqual({ granted: 1, timedOut: [] });
    expect(b.activeCalls).toBe(1);
    expect(b.waitingCalls).toBe(1);
    // A newcomer cannot overtake ticket 2, even though it arrives as a slot frees.
    expect(b.tryAcquire(60 * MS).kind).toBe("queued");
    expect(b.release(70 * MS).granted).toBe(2);
  });

  it("bulkhead: a waiter times out at its deadline and the slot goes to the next one in time", () => {
    const b = new Bulkhead({ maxConcurrentCalls: 1, maxWaitDurationUs: 100 * MS });
    b.tryAcquire(0);
    b.tryAcquire(0); // ticket 1, deadline 100 ms
    b.tryAcquire(50 * MS); // ticket 2, deadline 150 ms
    expect(b.expire(100 * MS - 1)).toEqual({ granted: null, timedOut: [] });
    expect(b.expire(100 * MS)).toEqual({ granted: null, timedOut: [1] });
    expect(b.release(150 * MS)).toEqual({ granted: null, timedOut: [2] });
    expect(b.activeCalls).toBe(0);
    expect(b.nextDeadline()).toBeNull();
  });

  it("bulkhead: a cancelled waiter leaves the queue", () => {
    const b = new Bulkhead({ maxConcurrentCalls: 1, maxWaitDurationUs: 100 * MS });
    b.tryAcquire(0);
    b.tryAcquire(0);
    b.tryAcquire(0);
    expect(b.cancel(1)).toBe(true);
    expect(b.cancel(1)).toBe(false);
    expect(b.release(10).granted).toBe(2);
  });

  it("bulkhead: a release with no slot held is a bug in the caller and says so", () => {
    expect(() => new Bulkhead().release(0)).toThrow("bulkhead: release without a slot held");
  });

  it("bulkhead: bad options name the rule", () => {
    expect(() => new Bulkhead({ maxConcurrentCalls: 0 })).toThrow("bulkhead: maxConcurrentCalls must be a whole number >= 1, got 0");
    expect(() => new Bulkhead({ maxWaitDurationUs: -1 })).toThrow("maxWaitDurationUs must be a whole number of microseconds >= 0, got -1");
  });
});
