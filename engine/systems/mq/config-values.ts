import type { Micros } from "../../core/time";

/** Microseconds per unit of the duration strings a scenario file may use (`250ms`, `1m30s`). */
const UNITS: Record<string, Micros> = { us: 1, "µs": 1, ms: 1_000, s: 1_000_000, m: 60_000_000, h: 3_600_000_000 };
const PART = /(\d+(?:\.\d+)?)(us|µs|ms|s|m|h)/y;

/**
 * Parses a duration string such as `250ms`, `1m30s` or `2h` into microseconds, or returns
 * undefined when the text is not one. RocketMQ's delay levels are written this way too.
 */
export function parseDurationText(text: string): Micros | undefined {
  const s = text.trim();
  let total = 0;
  let at = 0;
  while (at < s.length) {
    PART.lastIndex = at;
    const m = PART.exec(s);
    if (!m) return undefined;
    total += Number(m[1]) * UNITS[m[2]];
    at = PART.lastIndex;
  }
  return s.length > 0 ? Math.round(total) : undefined;
}

/**
 * Reads a duration from a config: whole microseconds (what code writes) or a string with units
 * (what a YAML file writes). Absent means the default; anything else is a user's mistake, so the
 * error names the field and says what would be right.
 */
export function durationValue(value: unknown, where: string, fallback: Micros): Micros {
  if (value === undefined || value === null) return fallback;
  if (typeof value === "number" && Number.isFinite(value) && value >= 0) return Math.round(value);
  if (typeof value === "string") {
    const parsed = parseDurationText(value);
    if (parsed !== undefined) return parsed;
  }
  throw new Error(`${where}: expected a duration such as "250ms" or "2s" (or a whole number of microseconds), got ${JSON.stringify(value)}`);
}

/** Like `durationValue`, but absent stays absent (an optional limit such as a message TTL). */
export function optionalDuration(value: unknown, where: string): Micros | undefined {
  return value === undefined || value === null ? undefined : durationValue(value, where, 0);
}

/** Reads a number of at least `min`, with the field named in errors. */
export function numberValue(value: unknown, where: string, fallback: number, min = 0): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value === "number" && Number.isFinite(value) && value >= min) return value;
  throw new Error(`${where}: expected a number of at least ${min}, got ${JSON.stringify(value)}`);
}

/** Reads a whole number of at least `min`. */
export function integerValue(value: unknown, where: string, fallback: number, min = 0): number {
  const n = numberValue(value, where, fallback, min);
  if (!Number.isInteger(n)) throw new Error(`${where}: expected a whole number, got ${JSON.stringify(value)}`);
  return n;
}

/** Reads a boolean. */
export function booleanValue(value: unknown, where: string, fallback: boolean): boolean {
  if (value === undefined || value === null) return fallback;
  if (typeof value === "boolean") return value;
  throw new Error(`${where}: expected true or false, got ${JSON.stringify(value)}`);
}

/** Reads one of a fixed set of words, listing the valid ones when the value is not among them. */
export function choiceValue<T extends string>(value: unknown, where: string, choices: readonly T[], fallback: T): T {
  if (value === undefined || value === null) return fallback;
  if (typeof value === "string" && (choices as readonly string[]).includes(value)) return value as T;
  throw new Error(`${where}: expected one of ${choices.map((c) => `"${c}"`).join(", ")}, got ${JSON.stringify(value)}`);
}

/** Reads a non-empty string. */
export function stringValue(value: unknown, where: string, fallback?: string): string {
  if ((value === undefined || value === null) && fallback !== undefined) return fallback;
  if (typeof value === "string" && value.length > 0) return value;
  throw new Error(`${where}: expected a non-empty string, got ${JSON.stringify(value)}`);
}

/** Reads one process address (`node/process`). */
export function addressValue(value: unknown, where: string): string {
  if (typeof value === "string" && /^[^/]+\/[^/]+$/.test(value)) return value;
  throw new Error(`${where}: expected a process address such as "ctl/controller", got ${JSON.stringify(value)}`);
}

/** Reads a non-empty list of process addresses. */
export function addressList(value: unknown, where: string): string[] {
  if (Array.isArray(value) && value.length > 0) return value.map((v, i) => addressValue(v, `${where}[${i}]`));
  throw new Error(`${where}: expected a non-empty list of process addresses such as ["b1/broker", "b2/broker"], got ${JSON.stringify(value)}`);
}

/** Reads a list of strings (empty when absent). */
export function stringList(value: unknown, where: string): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return [...value] as string[];
  throw new Error(`${where}: expected a list of strings, got ${JSON.stringify(value)}`);
}

/** A config object, or an empty one when absent; anything else is an error naming the field. */
export function objectValue(value: unknown, where: string): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  throw new Error(`${where}: expected a mapping, got ${JSON.stringify(value)}`);
}
