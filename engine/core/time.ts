/**
 * Virtual time: an integer number of microseconds since the start of the run.
 * Every duration in the engine is a `Micros`; the scenario loader turns `250ms` into 250000.
 */
export type Micros = number;

/** One microsecond, millisecond, second and minute in `Micros`. */
export const US: Micros = 1;
export const MS: Micros = 1_000;
export const SECOND: Micros = 1_000_000;
export const MINUTE: Micros = 60_000_000;

/** Milliseconds to `Micros`, rounded to a whole microsecond. */
export function ms(n: number): Micros {
  return Math.round(n * MS);
}

/** Seconds to `Micros`, rounded to a whole microsecond. */
export function seconds(n: number): Micros {
  return Math.round(n * SECOND);
}

/** A `Micros` as a short human string: `250ms`, `1.5s`, `12us`. */
export function formatMicros(t: Micros): string {
  if (t >= MINUTE && t % SECOND === 0 && t % MINUTE === 0) return `${t / MINUTE}m`;
  if (t >= SECOND) return `${+(t / SECOND).toFixed(3)}s`;
  if (t >= MS) return `${+(t / MS).toFixed(3)}ms`;
  return `${t}us`;
}
