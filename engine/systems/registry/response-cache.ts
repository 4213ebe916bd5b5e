import type { Micros } from "../../core/time";
import type { ServiceSnapshot } from "./registry-types";

/**
 * Eureka's read-only response cache: answers come from a copy refreshed every
 * `responseCacheUpdateIntervalMs` (30 s), so a change becomes visible to clients only at the next
 * refresh. A service asked for the first time is computed and kept (Eureka falls through to the
 * read-write cache, which loads it). With an interval of 0 every answer is live.
 */
export class ResponseCache {
  private readonly cache = new Map<string, ServiceSnapshot>();

  constructor(readonly intervalUs: Micros) {}

  /** The answer for `service`: cached, or computed now. */
  get(service: string, compute: (service: string) => ServiceSnapshot): ServiceSnapshot {
    if (this.intervalUs <= 0) return compute(service);
    let s = this.cache.get(service);
    if (!s) {
      s = compute(service);
      this.cache.set(service, s);
    }
    return s;
  }

  /** The periodic refresh: recomputes every service asked for so far. */
  refresh(compute: (service: string) => ServiceSnapshot): void {
    for (const service of [...this.cache.keys()]) this.cache.set(service, compute(service));
  }
}
