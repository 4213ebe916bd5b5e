import { describe, expect, it } from "vitest";
import { MS, SECOND } from "../../../core/time";
import { TokenBucket } from "./token-bucket";

describe("token bucket", () => {
  it("token bucket: starts full, so a burst of `burst` passes and the next is refused", () => {
    const b = new TokenBucket({ ratePerSec: 10, burst: 5 });
    const kinds = Array.from({ length: 6 }, () => b.tryAcquire(0).kind);
    expect(kinds).toEqual(["permitted", "permitted", "permitted", "permitted", "permitted", "rejected"]);
  });

  it("token bucket: refills at the rate: one token every 100 ms at 10/s", () => {
    const b = new TokenBucket({ ratePerSec: 10, burst: 5 });
    for (let i = 0; i < 5; i++) b.tryAcquire(0);
    expect(b.tryAcquire(100 * MS - 1).kind).toBe("rejected");
    expect(b.tryAcquire(100 * MS).kind).toBe("permitted");
    expect(b.tryAcquire(100 * MS).kind).toBe("rejected");
  });

  it("token bucket: never holds more than the burst, however long it rests", () => {
    const b = new TokenBucket({ ratePerSec: 1000, burst: 3 });
    expect(b.availablePermits(3600 * SECOND)).toBe(3);
  });

  it("token bucket: with a wait allowed, a short call reserves its token and is told when", () => {
    const b = new TokenBucket({ ratePerSec: 10, burst: 1, maxWaitUs: 250 * MS });
    expect(b.tryAcquire(0).kind).toBe("permitted");
    expect(b.tryAcquire(0)).toEqual({ kind: "wait", until: 100 * MS, waitUs: 100 * MS });
    expect(b.tryAcquire(0)).toEqual({ kind: "wait", until: 200 * MS, waitUs: 200 * MS });
    expect(b.tryAcquire(0).kind).toBe("rejected");
  });

  it("token bucket: a request larger than the bucket is refused rather than queued forever", () => {
    const b = new TokenBucket({ ratePerSec: 10, burst: 2, maxWaitUs: 10 * SECOND });
    expect(b.tryAcquire(0, 3).kind).toBe("rejected");
  });

  it("token bucket: a rate must be given and positive", () => {
    expect(() => new TokenBucket({ ratePerSec: 0, burst: 1 })).toThrow("token bucket: ratePerSec must be a number > 0, got 0");
    expect(() => new TokenBucket({ ratePerSec: 5, burst: 0 })).toThrow("token bucket: burst must be a whole number >= 1, got 0");
  });
});
