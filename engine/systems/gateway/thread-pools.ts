import { Bulkhead } from "../proxy/policies/bulkhead";
import type { ThreadPoolOptions } from "./gateway-options";

/**
 * The gateway's worker threads, as Zuul 1 with Hystrix THREAD isolation has them: a request holds
 * a thread from the moment it is routed until its upstream call ends, and a request that finds
 * its pool busy is refused at once (no queue). One pool for every route (Hystrix's shared
 * `RibbonCommand` pool), or one per route (`useSeparateThreadPools`). Each pool is the proxy's
 * Resilience4j-style semaphore bulkhead with no wait, which is exactly a pool whose queue is a
 * SynchronousQueue: a slot is a thread.
 */
export class ThreadPools {
  private readonly pools = new Map<string, Bulkhead>();

  constructor(private readonly o: ThreadPoolOptions) {}

  /** The pool a route's requests run on. */
  poolOf(routeId: string): string {
    return this.o.separatePools ? routeId : "shared";
  }

  /** Takes a thread of the route's pool; false when every thread is busy. */
  tryAcquire(routeId: string, now: number): boolean {
    return this.pool(routeId).tryAcquire(now).kind === "permitted";
  }

  /** Gives the thread back when the request ends. */
  release(routeId: string, now: number): void {
    this.pool(routeId).release(now);
  }

  /** Threads in use in the route's pool. */
  busy(routeId: string): number {
    return this.pool(routeId).activeCalls;
  }

  private pool(routeId: string): Bulkhead {
    const name = this.poolOf(routeId);
    let p = this.pools.get(name);
    if (!p) {
      p = new Bulkhead({ maxConcurrentCalls: this.o.coreSize, maxWaitDurationUs: 0 });
      this.pools.set(name, p);
    }
    return p;
  }
}
