import { describe, expect, it } from "vitest";
import { ThreadPools } from "./thread-pools";

describe("gateway: thread pools (Zuul + Hystrix THREAD isolation)", () => {
  it("thread pools: one shared pool is exhausted by any route; separate pools are exhausted only by their own", () => {
    const shared = new ThreadPools({ coreSize: 2, separatePools: false });
    expect([shared.tryAcquire("slow", 0), shared.tryAcquire("slow", 0), shared.tryAcquire("fast", 0)]).toEqual([true, true, false]);
    shared.release("slow", 1);
    expect(shared.tryAcquire("fast", 1)).toBe(true);
    const separate = new ThreadPools({ coreSize: 2, separatePools: true });
    expect([separate.tryAcquire("slow", 0), separate.tryAcquire("slow", 0), separate.tryAcquire("slow", 0), separate.tryAcquire("fast", 0)]).toEqual([true, true, false, true]);
    expect([separate.busy("slow"), separate.busy("fast")]).toEqual([2, 1]);
  });
});
