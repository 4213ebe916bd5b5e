import type { Micros } from "../../core/time";
import { SECOND } from "../../core/time";
import type { Rng } from "../../core/rng";

/**
 * The arrival pattern as a client's config receives it, in engine units: the contract with the
 * scenario loader (scenarios/convert/workload.ts), which converts the human units.
 */
export type ArrivalConfig =
  | { pattern: "constant" | "poisson"; ratePerSecond: number }
  | { pattern: "bursts"; size: number; every: Micros }
  | { pattern: "ramp"; fromPerSecond: number; toPerSecond: number; over: Micros }
  | { pattern: "closed"; concurrency: number; think: Micros };

/** The next arrival of an open-loop pattern: how long until it, and how many requests it brings. */
export interface Arrival {
  delay: Micros;
  count: number;
}

/**
 * Open-loop arrivals: the next one is drawn when the previous one happens, from the client's own
 * stream. Poisson gaps are exponential; constant gaps are 1/rate exactly; bursts bring `size`
 * requests every `every`; a ramp is a Poisson process whose rate changes linearly from `from` to
 * `to` over `over` and then stays, drawn by thinning (Lewis and Shedler): candidates at the
 * highest rate, each kept with probability rate(t)/highest, which is exact for a time-varying
 * rate where simply re-drawing at the current rate is not.
 */
export class OpenArrivals {
  private readonly startedAt: Micros;

  constructor(private readonly a: Exclude<ArrivalConfig, { pattern: "closed" }>, private readonly rng: Rng, now: Micros) {
    this.startedAt = now;
  }

  /** The arrival after `now`; null when the pattern never sends (a zero rate). */
  next(now: Micros): Arrival | null {
    const a = this.a;
    switch (a.pattern) {
      case "poisson":
        return a.ratePerSecond > 0 ? { delay: gap(this.rng.exponential(SECOND / a.ratePerSecond)), count: 1 } : null;
      case "constant":
        return a.ratePerSecond > 0 ? { delay: gap(SECOND / a.ratePerSecond), count: 1 } : null;
      case "bursts":
        return a.size > 0 && a.every > 0 ? { delay: a.every, count: a.size } : null;
      case "ramp": {
        const top = Math.max(a.fromPerSecond, a.toPerSecond);
        if (top <= 0) return null;
        let t = now;
        // Bounded: each candidate is kept with probability rate/top, and the rate is positive
        // after the first instant unless both ends are 0, which returned above.
        for (let i = 0; i < 1_000_000; i++) {
          t += gap(this.rng.exponential(SECOND / top));
          if (this.rng.next() * top < this.rateAt(t)) return { delay: t - now, count: 1 };
        }
        return null;
      }
    }
  }

  /** The ramp's rate at local time `t`, per second. */
  rateAt(t: Micros): number {
    if (this.a.pattern !== "ramp") return 0;
    const { fromPerSecond: from, toPerSecond: to, over } = this.a;
    const f = over <= 0 ? 1 : Math.min(1, Math.max(0, (t - this.startedAt) / over));
    return from + (to - from) * f;
  }
}

/** A gap of at least one microsecond, so two arrivals never share an instant by rounding. */
function gap(us: number): Micros {
  return Math.max(1, Math.round(us));
}

/** Reads the arrival block, accepting the loader's form or a plain `rate` shorthand (Poisson). */
export function arrivalOf(config: Record<string, unknown>, where: string, toRate: (v: unknown, field: string) => number): ArrivalConfig {
  const a = config.arrival as ArrivalConfig | undefined;
  if (a === undefined) {
    if (config.rate !== undefined) return { pattern: "poisson", ratePerSecond: toRate(config.rate, "rate") };
    throw new Error(`${where}: a client needs an arrival pattern (arrival: {pattern: poisson, ratePerSecond: 50}) or a rate`);
  }
  const ok =
    (a.pattern === "poisson" || a.pattern === "constant") ? Number.isFinite(a.ratePerSecond) && a.ratePerSecond >= 0
    : a.pattern === "bursts" ? Number.isInteger(a.size) && a.size >= 1 && a.every > 0
    : a.pattern === "ramp" ? a.fromPerSecond >= 0 && a.toPerSecond >= 0 && a.over >= 0
    : a.pattern === "closed" ? Number.isInteger(a.concurrency) && a.concurrency >= 1 && a.think >= 0
    : false;
  if (!ok) throw new Error(`${where}: arrival ${JSON.stringify(a)} is not a valid pattern (poisson/constant with ratePerSecond, bursts with size and every, ramp with fromPerSecond, toPerSecond, over, closed with concurrency and think)`);
  return a;
}
