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
 * Parses a time a person typed: `2.5s`, `250ms`, `800us`, `800µs`, or a bare number of
 * microseconds. Returns null for anything else.
 */
export function parseTime(text: string): number | null {
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*(s|ms|us|µs)?\s*$/.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  const unit = m[2] ?? "us";
  const scale = unit === "s" ? 1_000_000 : unit === "ms" ? 1_000 : 1;
  return Math.round(n * scale);
}
