import type { Micros } from "../../core/time";
import { parseDuration } from "../../core/time";

/**
 * Readers for the parts of the message queues' configs that are not plain options (those are
 * declared in each component's options table): addresses, lists, and checker parameters.
 */

/**
 * Reads a duration from a checker's params: whole microseconds or text with units (the one
 * parser, core/time.ts). Absent means the default; anything else names the field.
 */
export function durationValue(value: unknown, where: string, fallback: Micros): Micros {
  if (value === undefined || value === null) return fallback;
  const d = parseDuration(value);
  if (d !== null) return d;
  throw new Error(`${where}: expected a duration such as "250ms" or "2s" (or a whole number of microseconds), got ${JSON.stringify(value)}`);
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
