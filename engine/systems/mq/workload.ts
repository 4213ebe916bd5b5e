import type { Micros } from "../../core/time";
import { SECOND } from "../../core/time";
import type { Runtime } from "../../node/runtime-api";
import { integerValue, numberValue, objectValue, optionalDuration } from "./config-values";
import { resumingNow } from "./resume-now";

/** How a producer's messages arrive: how many, how fast, with which keys. */
export interface WorkloadOptions {
  /** Messages in all, across restarts. */
  count: number;
  ratePerSecond: number;
  /** Poisson (exponential gaps) or constant gaps. */
  pattern: "poisson" | "constant";
  /** Distinct keys, used in turn (`k0`, `k1`...); 0 sends messages without a key. */
  keys: number;
  /** No new message after this time. */
  stopAt?: Micros;
}

/**
 * Reads a producer's workload: `count` (or the scenario workload's `requests`), `rate` per
 * second (or the workload's `arrival`, poisson or constant), `keys` and `stopAt`. Defaults: 100
 * messages, 10 a second, Poisson, 10 keys.
 */
export function workloadOptions(c: Record<string, unknown>, where: string): WorkloadOptions {
  const arrival = objectValue(c.arrival, `${where}.arrival`);
  const pattern = arrival.pattern ?? "poisson";
  if (pattern !== "poisson" && pattern !== "constant") {
    throw new Error(`${where}.arrival: a producer supports poisson or constant arrivals (a rate), got ${JSON.stringify(pattern)}`);
  }
  const rate = numberValue(arrival.ratePerSecond ?? c.rate, `${where}.rate`, 10, Number.MIN_VALUE);
  const stopAt = optionalDuration(c.stopAt, `${where}.stopAt`);
  return {
    count: integerValue(c.requests ?? c.count, `${where}.count`, 100),
    ratePerSecond: rate,
    pattern,
    keys: integerValue(c.keys, `${where}.keys`, 10),
    ...(stopAt !== undefined ? { stopAt } : {}),
  };
}

/** The key of the `n`-th message: keys taken in turn, or null without keys. */
export function keyOf(w: WorkloadOptions, n: number): string | null {
  return w.keys > 0 ? `k${n % w.keys}` : null;
}

/**
 * Fires `fire(n)` for n = `from`, `from + 1`, ... until the count or `stopAt`, with the
 * workload's gaps. The counter lives on the disk (`produced`, synced at each message), so a
 * restarted producer continues where it stopped instead of starting over.
 */
export function runArrivals(rt: Runtime, w: WorkloadOptions, fire: (n: number) => void): void {
  const gap = () => (w.pattern === "constant" ? Math.round(SECOND / w.ratePerSecond) : Math.max(1, Math.round(rt.random.exponential(SECOND / w.ratePerSecond))));
  const next = () => {
    const n = rt.disk.read<number>("produced") ?? 0;
    if (n >= w.count) return;
    if (w.stopAt !== undefined && rt.now() >= w.stopAt) return;
    rt.disk.write("produced", n + 1);
    rt.disk.sync();
    fire(n);
    rt.setTimer(gap(), resumingNow(next), "arrival");
  };
  rt.setTimer(gap(), resumingNow(next), "arrival");
}
