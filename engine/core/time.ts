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

const DURATION_PART = /\s*(\d+(?:\.\d+)?)\s*(us|µs|ms|s|m|h)/y;
const DURATION_UNIT: Record<string, number> = { us: US, "µs": US, ms: MS, s: SECOND, m: MINUTE, h: 60 * MINUTE };

/**
 * A duration from a component's config: whole microseconds as a number, or text with units as
 * scenario files write them (`250ms`, `2s`, `1m30s`, `500us`). Returns null when it is neither,
 * so the caller can say which field was wrong.
 */
export function parseDuration(value: unknown): Micros | null {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? Math.round(value) : null;
  if (typeof value !== "string") return null;
  const text = value.trim();
  let total = 0;
  let at = 0;
  while (at < text.length) {
    DURATION_PART.lastIndex = at;
    const m = DURATION_PART.exec(text);
    if (!m) return null;
    total += Number(m[1]) * DURATION_UNIT[m[2]];
    at = DURATION_PART.lastIndex;
  }
  return text.length > 0 ? Math.round(total) : null;
}
