import type { Micros } from "../core/time";

/**
 * A node's local clock: virtual time plus an offset (skew) and a rate error (drift, in parts per
 * million). Stepping the clock or changing its drift rebases it, so local time never jumps
 * except by the step itself.
 */
export class NodeClock {
  private baseVirtual = 0;
  private baseLocal: number;
  private rate: number;
  driftPpm: number;

  constructor(skew: Micros = 0, driftPpm = 0) {
    this.baseLocal = skew;
    this.driftPpm = driftPpm;
    this.rate = 1 + driftPpm / 1e6;
  }

  /** Local time at virtual time `now`. */
  local(now: Micros): Micros {
    return this.rate === 1 ? this.baseLocal + (now - this.baseVirtual) : this.baseLocal + Math.round((now - this.baseVirtual) * this.rate);
  }

  /** Local time minus virtual time at `now`. */
  offset(now: Micros): Micros {
    return this.local(now) - now;
  }

  /** The virtual duration of a local duration. */
  toVirtual(localDelay: Micros): Micros {
    return this.rate === 1 ? localDelay : Math.max(0, Math.round(localDelay / this.rate));
  }

  /** Steps the clock by `offset` at `now`. */
  step(now: Micros, offset: Micros): void {
    this.baseLocal = this.local(now) + offset;
    this.baseVirtual = now;
  }

  /** Changes the drift from `now` on. */
  setDrift(now: Micros, ppm: number): void {
    this.baseLocal = this.local(now);
    this.baseVirtual = now;
    this.driftPpm = ppm;
    this.rate = 1 + ppm / 1e6;
  }
}
