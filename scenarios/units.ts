import type { Micros } from "../engine/core/time";
import { DURATION_PATTERN, DURATION_UNITS, parseDurationText } from "../engine/core/time";
import { closest } from "./suggest";

/**
 * Human units in scenario files: durations (`250ms`, `1m30s`), rates (`100/s`), ratios (`1%`)
 * and clock drift (`50ppm`). The patterns below are also the JSON Schema patterns, so an editor
 * and the loader agree on what is valid; the parsers add the message and the suggestion.
 */

/** What a unit parser returns: the value, or what was wrong and what would be right. */
export type UnitResult<T> = { ok: true; value: T } | { ok: false; message: string; suggestion?: string };


/** Words people write for a unit, mapped to the unit the format accepts. */
const DURATION_ALIASES: Record<string, string> = {
  sec: "s", secs: "s", second: "s", seconds: "s", min: "m", mins: "m", minute: "m", minutes: "m",
  hr: "h", hrs: "h", hour: "h", hours: "h", msec: "ms", msecs: "ms", millis: "ms", milliseconds: "ms",
  usec: "us", micros: "us", microseconds: "us", ns: "us", d: "h",
};

/** A duration: one or more number-unit parts (`2s`, `1m30s`, `0.5ms`); the grammar is engine/core/time.ts's. */
export { DURATION_PATTERN };
/** A signed duration, for clock skew: `-5ms`. */
export const SIGNED_DURATION_PATTERN = "^\\s*-?(\\d+(\\.\\d+)?(us|µs|ms|s|m|h))+\\s*$";
/** A rate: a number of events per second, minute or hour (`100/s`, `6000/m`). */
export const RATE_PATTERN = "^\\s*\\d+(\\.\\d+)?\\s*/\\s*(s|m|h)\\s*$";
/** A ratio as a percentage (`1%`, `0.5%`); plain numbers 0..1 are accepted by the schema's number branch. */
export const RATIO_PATTERN = "^\\s*\\d+(\\.\\d+)?\\s*%\\s*$";
/** Clock drift in parts per million (`50ppm`, `-20ppm`). */
export const PPM_PATTERN = "^\\s*-?\\d+(\\.\\d+)?\\s*ppm\\s*$";

const LOOSE_PART = /^(-?\d*\.?\d+(?:e[+-]?\d+)?)\s*([A-Za-zµ]*)$/i;

/**
 * Parses a duration into whole microseconds (rounded), with the one parser (engine/core/time.ts),
 * and explains a mistake with a suggestion. Plain numbers are refused, except 0.
 */
export function parseDuration(input: unknown, opts: { signed?: boolean } = {}): UnitResult<Micros> {
  if (typeof input === "number") {
    if (input === 0) return { ok: true, value: 0 };
    const n = String(input);
    return {
      ok: false,
      message: `a duration needs a unit, got the plain number ${n}`,
      suggestion: `write "${n}ms" or "${n}s"`,
    };
  }
  if (typeof input !== "string") return { ok: false, message: `expected a duration such as "250ms" or "2s", got ${describe(input)}` };
  let text = input.trim();
  let sign = 1;
  if (text.startsWith("-")) {
    if (!opts.signed) return { ok: false, message: `a duration cannot be negative here, got "${input}"` };
    sign = -1;
    text = text.slice(1);
  }
  if (text.length === 0) return { ok: false, message: `expected a duration such as "250ms" or "2s", got an empty string` };
  const parsed = parseDurationText(text);
  if (parsed === null) return durationTrouble(input, text);
  const value = parsed * sign;
  if (!Number.isSafeInteger(value)) return { ok: false, message: `the duration "${input}" is too long to count in microseconds` };
  return { ok: true, value: value === 0 ? 0 : value };
}

/** Explains a duration that does not parse: a missing or unknown unit, or stray text. */
function durationTrouble(input: string, text: string): UnitResult<Micros> {
  const loose = LOOSE_PART.exec(text);
  if (loose) {
    const [, num, unit] = loose;
    if (unit === "") return { ok: false, message: `"${input}" has no unit`, suggestion: `write "${num}ms" or "${num}s"` };
    const alias = DURATION_UNITS[unit] !== undefined ? unit : DURATION_ALIASES[unit.toLowerCase()] ?? closest(unit, Object.keys(DURATION_UNITS));
    const fixedNum = num.startsWith(".") ? `0${num}` : num.startsWith("-.") ? `-0${num.slice(1)}` : num;
    if (alias && DURATION_UNITS[alias] !== undefined && /^-?\d+(\.\d+)?$/.test(fixedNum)) {
      if (unit === alias) return { ok: false, message: `"${input}" is not a valid duration`, suggestion: `did you mean "${fixedNum}${alias}"?` };
      return { ok: false, message: `unknown duration unit "${unit}" in "${input}" (units: us, ms, s, m, h)`, suggestion: `did you mean "${fixedNum}${alias}"?` };
    }
    return { ok: false, message: `unknown duration unit "${unit}" in "${input}" (units: us, ms, s, m, h)` };
  }
  return { ok: false, message: `"${input}" is not a duration: write a number and a unit, such as "250ms", "2s" or "1m30s"` };
}

/** Seconds per rate unit. */
const RATE_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600 };
const RATE_ALIASES: Record<string, string> = {
  sec: "s", second: "s", seconds: "s", min: "m", minute: "m", minutes: "m", hour: "h", hours: "h", hr: "h",
};

/** Parses a rate into events per second (`6000/m` is 100). Plain numbers are refused, except 0. */
export function parseRate(input: unknown): UnitResult<number> {
  if (typeof input === "number") {
    if (input === 0) return { ok: true, value: 0 };
    return { ok: false, message: `a rate needs a unit, got the plain number ${input}`, suggestion: `write "${input}/s"` };
  }
  if (typeof input !== "string") return { ok: false, message: `expected a rate such as "100/s", got ${describe(input)}` };
  const text = input.trim();
  const m = /^(\d+(?:\.\d+)?)\s*\/\s*([A-Za-z]+)$/.exec(text);
  if (m) {
    const per = RATE_UNITS[m[2]];
    if (per !== undefined) {
      const value = Number(m[1]) / per;
      // Hundreds of digits read as Infinity, which no workload can run at.
      if (!Number.isFinite(value)) return { ok: false, message: `the rate "${input}" is too large to be a number` };
      return { ok: true, value };
    }
    const fix = RATE_ALIASES[m[2].toLowerCase()] ?? closest(m[2], Object.keys(RATE_UNITS));
    return {
      ok: false,
      message: `unknown rate unit "/${m[2]}" in "${input}" (units: /s, /m, /h)`,
      ...(fix ? { suggestion: `did you mean "${m[1]}/${fix}"?` } : {}),
    };
  }
  const rps = /^(\d+(?:\.\d+)?)\s*(rps|qps|per\s*second)$/i.exec(text);
  if (rps) return { ok: false, message: `"${input}" is not a rate in this format`, suggestion: `did you mean "${rps[1]}/s"?` };
  if (/^\d+(\.\d+)?$/.test(text)) return { ok: false, message: `"${input}" has no unit`, suggestion: `write "${text}/s"` };
  return { ok: false, message: `"${input}" is not a rate: write a number per unit of time, such as "100/s" or "6000/m"` };
}

/** Parses a ratio: `1%` or a number from 0 to 1. */
export function parseRatio(input: unknown): UnitResult<number> {
  if (typeof input === "number") {
    if (input >= 0 && input <= 1) return { ok: true, value: input };
    if (input > 1 && input <= 100) return { ok: false, message: `a ratio is between 0 and 1, got ${input}`, suggestion: `did you mean "${input}%"?` };
    return { ok: false, message: `a ratio is between 0 and 1 (or 0% and 100%), got ${input}` };
  }
  if (typeof input !== "string") return { ok: false, message: `expected a ratio such as "1%" or 0.01, got ${describe(input)}` };
  const m = /^(\d+(?:\.\d+)?)\s*%$/.exec(input.trim());
  if (!m) {
    const plain = /^\d*\.?\d+$/.test(input.trim());
    return {
      ok: false,
      message: `"${input}" is not a ratio: write a percentage such as "1%" or a number from 0 to 1`,
      ...(plain ? { suggestion: `write it as a number, without quotes, or as "${input.trim()}%"` } : {}),
    };
  }
  const pct = Number(m[1]);
  if (pct > 100) return { ok: false, message: `a ratio is at most 100%, got "${input}"` };
  // Dividing by 100 gives 0.07 for 7% exactly as written, where `pct * 0.01` would not.
  return { ok: true, value: pct / 100 };
}

/** Parses clock drift in parts per million: a number or `50ppm`. */
export function parsePpm(input: unknown): UnitResult<number> {
  if (typeof input === "number") return Number.isFinite(input) ? { ok: true, value: input } : { ok: false, message: `drift must be a finite number of ppm` };
  if (typeof input !== "string") return { ok: false, message: `expected a drift such as "50ppm", got ${describe(input)}` };
  const m = /^(-?\d+(?:\.\d+)?)\s*ppm$/.exec(input.trim());
  if (!m) return { ok: false, message: `"${input}" is not a drift: write parts per million, such as "50ppm" or "-20ppm"` };
  const value = Number(m[1]);
  if (!Number.isFinite(value)) return { ok: false, message: `the drift "${input}" is too large to be a number` };
  return { ok: true, value };
}

/** How a value reads in a message: `the number 5`, `a list`, `nothing`. */
export function describe(value: unknown): string {
  if (value === null || value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return `the string "${value}"`;
  if (typeof value === "number") return `the number ${value}`;
  return `${typeof value} ${String(value)}`;
}
