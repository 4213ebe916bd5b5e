import { parseDurationText } from "../../../../engine/core/time";

/**
 * A virtual time (µs) as a person reads it: `2.345 s`, `12.5 ms`, `830 µs`, with enough digits
 * for the scale it is shown at (`step`, the smallest difference that matters, in µs).
 */
export function formatTime(t: number, step = 1): string {
  const a = Math.abs(t);
  if (a >= 1_000_000 || step >= 100_000) {
    const digits = step >= 1_000_000 ? 0 : step >= 100_000 ? 1 : step >= 10_000 ? 2 : step >= 1_000 ? 3 : 6;
    return `${(t / 1_000_000).toFixed(digits)} s`;
  }
  if (a >= 1_000 || step >= 1_000) {
    const digits = step >= 1_000 ? 0 : step >= 100 ? 1 : step >= 10 ? 2 : 3;
    return `${(t / 1_000).toFixed(digits)} ms`;
  }
  return `${Math.round(t)} µs`;
}

/** A virtual time to the microsecond, for the cursor readout: `2.000345 s`. */
export function formatExact(t: number): string {
  return `${(t / 1_000_000).toFixed(6)} s`;
}

/**
 * Parses a time a person typed: `2.5s`, `250 ms`, `800us`, `1m30s`, `-5ms`, or a bare number of
 * microseconds. The units are the project's one duration parser's (engine/core/time.ts); a blank
 * between the number and its unit is forgiven here, since this is a text box. Null otherwise.
 */
export function parseTime(text: string): number | null {
  const t = text.trim();
  if (/^-?\d+(?:\.\d+)?$/.test(t)) return Math.round(Number(t));
  const negative = t.startsWith("-");
  const us = parseDurationText((negative ? t.slice(1) : t).replace(/(\d)\s+(?=[a-zµ])/g, "$1"));
  return us === null ? null : negative ? -us : us;
}
