import type { Micros } from "../../core/time";

/** Microseconds per unit of the duration strings a scenario file may use (`250ms`, `1m30s`). */
const UNITS: Record<string, Micros> = { us: 1, "µs": 1, ms: 1_000, s: 1_000_000, m: 60_000_000, h: 3_600_000_000 };
const PART = /(\d+(?:\.\d+)?)(us|µs|ms|s|m|h)/y;

/**
 * Reads a duration from a component's config: a whole number of microseconds (what code that
 * builds scenarios writes) or a string with units (what a YAML file writes: `250ms`, `1.5s`).
 * Absent means the default. Anything else is a user's mistake, so the error names the field.
 */
export function durationValue(value: unknown, where: string, fallback: Micros): Micros {
  if (value === undefined || value === null) return fallback;
  if (typeof value === "number") {
    if (Number.isFinite(value) && value >= 0) return Math.round(value);
  } else if (typeof value === "string") {
    const text = value.trim();
    let total = 0;
    let at = 0;
    while (at < text.length) {
      PART.lastIndex = at;
      const m = PART.exec(text);
      if (!m) break;
      total += Number(m[1]) * UNITS[m[2]];
      at = PART.lastIndex;
    }
    if (at === text.length && text.length > 0) return Math.round(total);
  }
  throw new Error(`${where}: expected a duration such as "250ms" or "2s" (or a whole number of microseconds), got ${JSON.stringify(value)}`);
}

/** Reads a non-negative number (a count or a rate) from a config, with the field named in errors. */
export function numberValue(value: unknown, where: string, fallback: number, min = 0): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value === "number" && Number.isFinite(value) && value >= min) return value;
  throw new Error(`${where}: expected a number of at least ${min}, got ${JSON.stringify(value)}`);
}

/** Reads one of a fixed set of words, listing the valid ones when the value is not among them. */
export function choiceValue<T extends string>(value: unknown, where: string, choices: readonly T[], fallback: T): T {
  if (value === undefined || value === null) return fallback;
  if (typeof value === "string" && (choices as readonly string[]).includes(value)) return value as T;
  throw new Error(`${where}: expected one of ${choices.map((c) => `"${c}"`).join(", ")}, got ${JSON.stringify(value)}`);
}

/** Reads a non-empty list of process addresses (`node/process`). */
export function addressList(value: unknown, where: string): string[] {
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === "string" && v.includes("/"))) return [...value] as string[];
  throw new Error(`${where}: expected a non-empty list of process addresses such as ["n1/participant", "n2/participant"], got ${JSON.stringify(value)}`);
}

/** Reads one process address (`node/process`). */
export function addressValue(value: unknown, where: string): string {
  if (typeof value === "string" && value.includes("/")) return value;
  throw new Error(`${where}: expected a process address such as "c/coordinator", got ${JSON.stringify(value)}`);
}
