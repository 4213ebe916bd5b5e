import { describe, expect, it } from "vitest";
import { ConsumerLimits } from "./consumer-limits";

describe("gateway: per-client rate limit (Spring Cloud Gateway's token bucket)", () => {
  it("rate limit: a client gets its burst at once and then the replenish rate; another client has its own bucket", () => {
    const l = new ConsumerLimits({ replenishRatePerSec: 10, burstCapacity: 3, keyBy: "consumer" });
    const alice = l.keyOf("alice", "10.0.0.1");
    expect([1, 2, 3, 4].map(() => l.tryAcquire(alice, 0))).toEqual([true, true, true, false]);
    expect(l.tryAcquire(l.keyOf("bob", "10.0.0.1"), 0)).toBe(true);
    expect(l.tryAcquire(alice, 99_999)).toBe(false);
    expect(l.tryAcquire(alice, 100_000)).toBe(true);
  });

  it("rate limit: without a consumer, or when limiting by IP, the key is the caller's address", () => {
    const byConsumer = new ConsumerLimits({ replenishRatePerSec: 1, burstCapacity: 1, keyBy: "consumer" });
    expect(byConsumer.keyOf(null, "10.0.0.7")).toBe("ip:10.0.0.7");
    expect(new ConsumerLimits({ replenishRatePerSec: 1, burstCapacity: 1, keyBy: "ip" }).keyOf("alice", "10.0.0.7")).toBe("ip:10.0.0.7");
  });
});
