import type { Micros } from "../../core/time";

/**
 * Spring Retry's ExponentialBackOffPolicy as Spring Cloud Config's client uses it: the wait
 * after the n-th failed attempt (n from 1) is initial × multiplier^(n-1), capped at max, and
 * there are `maxAttempts` attempts in all. With the defaults (1000 ms, 1.1, 2000 ms, 6) the
 * waits are 1000, 1100, 1210, 1331 and 1464.1 ms, so the sixth and last attempt starts 6.1051 s
 * after the first.
 */
export function retryWaits(initialUs: Micros, multiplier: number, maxUs: Micros, maxAttempts: number): Micros[] {
  const out: Micros[] = [];
  let wait = initialUs;
  for (let n = 1; n < maxAttempts; n++) {
    out.push(Math.round(Math.min(wait, maxUs)));
    wait *= multiplier;
  }
  return out;
}
