import { parseDuration, type Micros } from "../../core/time";

/**
 * Reads a duration from a component's config: a whole number of microseconds (what code that
 * builds scenarios writes) or a string with units (what a YAML file writes: `250ms`, `1.5s`).
 * Absent means the default. Anything else is a user's mistake, so the error names the field.
 */
export function durationValue(value: unknown, where: string, fallback: Micros): Micros {
  if (value === undefined || value === null) return fallback;
  const d = parseDuration(value);
  if (d !== null) return d;
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
