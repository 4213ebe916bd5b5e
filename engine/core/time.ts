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

/**
 * How a duration is written. `short` is for people reading a report: `250ms`, `1.5s`, `2m`
 * (three decimals at most, so it may round). `exact` is for files that are read back: the
 * largest unit that divides it (`2s`, `250ms`, `1500us`, `-5ms`, `0`), so it parses to the same
 * microsecond.
 */
export type DurationStyle = "short" | "exact";

/**
 * The project's one duration formatter: a `Micros` as text, in the given style. Every writer
 * (reports, the YAML writer, the CLI, the visualizer's axis) formats through it.
 */
export function formatMicros(t: Micros, style: DurationStyle = "short"): string {
  if (style === "exact") {
    const sign = t < 0 ? "-" : "";
    const a = Math.abs(t);
    if (a === 0) return "0";
    if (a % SECOND === 0) return `${sign}${a / SECOND}s`;
    if (a % MS === 0) return `${sign}${a / MS}ms`;
    return `${sign}${a}us`;
  }
  if (t >= MINUTE && t % SECOND === 0 && t % MINUTE === 0) return `${t / MINUTE}m`;
  if (t >= SECOND) return `${+(t / SECOND).toFixed(3)}s`;
  if (t >= MS) return `${+(t / MS).toFixed(3)}ms`;
  return `${t}us`;
}

/**
 * The duration grammar: one or more number-unit parts (`2s`, `1m30s`, `0.5ms`), `m` being
 * minutes. It is also the JSON Schema pattern of every duration, so an editor, the scenario
 * loader and a component's options agree on what is valid.
 */
export const DURATION_PATTERN = "^\\s*(\\d+(\\.\\d+)?(us|µs|ms|s|m|h))+\\s*$";

const DURATION_PART = /(\d+(?:\.\d+)?)(us|µs|ms|s|m|h)/y;
/** Microseconds per unit of the grammar. */
export const DURATION_UNITS: Readonly<Record<string, Micros>> = { us: US, "µs": US, ms: MS, s: SECOND, m: MINUTE, h: 60 * MINUTE };

/**
 * The project's one duration parser: text in the grammar above (surrounding blanks allowed) to
 * whole microseconds, rounded; null when it is not in the grammar. Callers that must explain a
 * mistake (the scenario loader, CLI flags) do so around it (scenarios/units.ts).
 */
export function parseDurationText(text: string): Micros | null {
  const s = text.trim();
  let total = 0;
  let at = 0;
  while (at < s.length) {
    DURATION_PART.lastIndex = at;
    const m = DURATION_PART.exec(s);
    if (!m) return null;
    total += Number(m[1]) * DURATION_UNITS[m[2]];
    at = DURATION_PART.lastIndex;
  }
  return s.length > 0 ? Math.round(total) : null;
}

/**
 * A duration from a component's config: whole microseconds as a number, or text with units as
 * scenario files write them (`250ms`, `2s`, `1m30s`, `500us`). Returns null when it is neither,
 * so the caller can say which field was wrong.
 */
export function parseDuration(value: unknown): Micros | null {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? Math.round(value) : null;
  return typeof value === "string" ? parseDurationText(value) : null;
}
