import type { Micros } from "../../core/time";
import { SECOND } from "../../core/time";
import type { Runtime } from "../../node/runtime-api";
import type { OptionTable } from "../../options/option-table";
import { readOptions } from "../../options/option-table";
import { badConfig } from "../../options/option-values";
import { objectValue } from "./config-values";
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
 * A producer's workload options, each declared once (engine/options/option-table.ts): 100
 * messages, 10 a second, 10 keys. A scenario's `workload:` entry writes `requests` (read as
 * `count`) and `arrival` (poisson or constant, with `ratePerSecond`, read as `rate`).
 */
export const MQ_WORKLOAD_OPTIONS = {
  count: { type: "int", default: 100, min: 0, description: "Messages in all, across restarts; a workload entry's requests sets it." },
  rate: { type: "rate", default: 10, description: "Messages per second, above 0; a workload entry's arrival sets it." },
  keys: { type: "int", default: 10, min: 0, description: "Distinct keys used in turn (k0, k1...); 0 sends without keys." },
  stopAt: { type: "duration", default: null, nullable: true, description: "No new message after this time; null: none." },
} as const satisfies OptionTable;

/**
 * Reads a producer's workload: `count` (or the scenario workload's `requests`), `rate` per
 * second (or the workload's `arrival`, poisson or constant), `keys` and `stopAt`.
 */
export function workloadOptions(c: Record<string, unknown>, where: string): WorkloadOptions {
  const arrival = objectValue(c.arrival, `${where}.arrival`);
  const pattern = arrival.pattern ?? "poisson";
  if (pattern !== "poisson" && pattern !== "constant") {
    throw new Error(`${where}.arrival: a producer supports poisson or constant arrivals (a rate), got ${JSON.stringify(pattern)}`);
  }
  const o = readOptions(MQ_WORKLOAD_OPTIONS, { count: c.requests ?? c.count, rate: arrival.ratePerSecond ?? c.rate, keys: c.keys, stopAt: c.stopAt }, where);
  if (!(o.rate > 0)) badConfig(where, "rate", "a rate above 0", o.rate);
  return {
    count: o.count,
    ratePerSecond: o.rate,
    pattern,
    keys: o.keys,
    ...(o.stopAt !== null ? { stopAt: o.stopAt } : {}),
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
