import type { Micros } from "../core/time";
import { parseDuration } from "../core/time";
import type { LatencySpec } from "../net/latency-spec";
import type { CodeOf } from "../error-catalogue";

/**
 * Reading the values of a component's `config`. A typed scenario gives engine units (whole
 * microseconds, events per second, ratios from 0 to 1); a YAML file may pass its text through
 * untouched (`30s`, `100/s`, `5%`, `exponential(10ms)`). Both are accepted here, so a component
 * works the same whichever way its config was written. Errors say where and what would be right.
 */

/** The stable codes of the configuration errors a user can cause in the service-call components. */
export type ServiceConfigErrorCode = Extract<CodeOf<"component">, "CS701" | "CS702">;

/** A configuration error in a registry, backend, proxy or client: names the process and the field. */
export class ServiceConfigError extends Error {
  readonly code: ServiceConfigErrorCode;
  constructor(code: ServiceConfigErrorCode, message: string) {
    super(message);
    this.name = "ServiceConfigError";
    this.code = code;
  }
}

/** Throws a CS701 (bad component option) error that names the field and what it expected. */
export function badConfig(where: string, field: string, expected: string, got: unknown): never {
  throw new ServiceConfigError("CS701", `${where}: ${field} must be ${expected}, got ${JSON.stringify(got) ?? String(got)}`);
}

/** A duration: whole microseconds, or text with units (`30s`, `1m30s`, `250ms`). */
export function toMicros(value: unknown, where: string, field: string): Micros {
  const us = parseDuration(value);
  if (us !== null) return us;
  return badConfig(where, field, 'a duration (microseconds, or text such as "250ms", "30s", "1m30s")', value);
}

/** An optional duration: `fallback` when absent. */
export function microsOr(value: unknown, fallback: Micros, where: string, field: string): Micros {
  return value === undefined || value === null ? fallback : toMicros(value, where, field);
}

/** A rate in events per second: a number, or text such as `100/s`, `6000/m`. */
export function toRate(value: unknown, where: string, field: string): number {
  if (typeof value === "number" && Number.isFinite(value) && value >= 0) return value;
  if (typeof value === "string") {
    const m = /^\s*(\d+(?:\.\d+)?)\s*\/\s*(s|m|h)\s*$/.exec(value);
    if (m) return Number(m[1]) / { s: 1, m: 60, h: 3600 }[m[2] as "s" | "m" | "h"];
  }
  return badConfig(where, field, 'a rate (events per second, or text such as "100/s")', value);
}

/** A ratio from 0 to 1: a number, or a percentage such as `5%`. */
export function toRatio(value: unknown, where: string, field: string): number {
  if (typeof value === "number" && value >= 0 && value <= 1) return value;
  if (typeof value === "string") {
    const m = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(value);
    if (m && Number(m[1]) <= 100) return Number(m[1]) / 100;
  }
  return badConfig(where, field, 'a ratio from 0 to 1, or a percentage such as "5%"', value);
}

/** A whole number of at least `min`. */
export function toInt(value: unknown, min: number, where: string, field: string): number {
  if (typeof value === "number" && Number.isInteger(value) && value >= min) return value;
  return badConfig(where, field, `a whole number of at least ${min}`, value);
}

/** A boolean. */
export function toBool(value: unknown, where: string, field: string): boolean {
  if (typeof value === "boolean") return value;
  return badConfig(where, field, "true or false", value);
}

/** One of the listed strings. */
export function toChoice<T extends string>(value: unknown, choices: readonly T[], where: string, field: string): T {
  if (typeof value === "string" && (choices as readonly string[]).includes(value)) return value as T;
  return badConfig(where, field, `one of ${choices.map((c) => JSON.stringify(c)).join(", ")}`, value);
}

const DIST_ARGS: Record<string, string[]> = {
  constant: ["value"], uniform: ["min", "max"], normal: ["mean", "sd"], lognormal: ["median", "sigma"],
  exponential: ["mean"], pareto: ["scale", "shape"],
};
const PLAIN_ARGS = new Set(["sigma", "shape"]);

/**
 * A latency distribution: a `LatencySpec` object (durations in microseconds or with units), a
 * duration (a constant), or a shorthand such as `exponential(10ms)` or `lognormal(5ms, 0.5)`.
 */
export function toLatency(value: unknown, where: string, field: string): LatencySpec {
  const expected = 'a latency: a duration ("5ms"), a shorthand ("exponential(10ms)"), or {dist, ...}';
  if (typeof value === "number" || (typeof value === "string" && !value.includes("("))) {
    return { dist: "constant", value: toMicros(value, where, field) };
  }
  let fields: Record<string, unknown>;
  if (typeof value === "string") {
    const call = /^\s*([a-z]+)\s*\((.*)\)\s*$/.exec(value);
    const args = call ? DIST_ARGS[call[1]] : undefined;
    const given = call ? call[2].split(",").map((s) => s.trim()).filter((s) => s !== "") : [];
    if (!call || !args || given.length !== args.length) return badConfig(where, field, expected, value);
    fields = { dist: call[1] };
    args.forEach((a, i) => { fields[a] = PLAIN_ARGS.has(a) ? Number(given[i]) : given[i]; });
  } else if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    fields = value as Record<string, unknown>;
  } else {
    return badConfig(where, field, expected, value);
  }
  const dist = fields.dist;
  if (dist === "table") {
    const points = fields.points;
    if (!Array.isArray(points) || points.length === 0) return badConfig(where, `${field}.points`, "a list of [percentile, duration] pairs", points);
    return { dist: "table", points: points.map((p, i) => [Number((p as unknown[])[0]), toMicros((p as unknown[])[1], where, `${field}.points[${i}]`)]) };
  }
  const args = typeof dist === "string" ? DIST_ARGS[dist] : undefined;
  if (!args) return badConfig(where, `${field}.dist`, `one of ${[...Object.keys(DIST_ARGS), "table"].join(", ")}`, dist);
  const out: Record<string, unknown> = { dist };
  for (const a of args) {
    const v = fields[a];
    if (PLAIN_ARGS.has(a)) {
      if (typeof v !== "number" || !Number.isFinite(v)) return badConfig(where, `${field}.${a}`, "a number", v);
      out[a] = v;
    } else {
      out[a] = toMicros(v, where, `${field}.${a}`);
    }
  }
  return out as unknown as LatencySpec;
}

/**
 * Checks that a config object has only known keys, so a typo fails loudly instead of silently
 * falling back to a default. The message suggests the closest known key.
 */
export function checkKeys(config: object, known: readonly string[], where: string): void {
  for (const key of Object.keys(config)) {
    if (known.includes(key)) continue;
    const hint = closestKey(key, known);
    throw new ServiceConfigError(
      "CS702",
      `${where}: unknown option "${key}"${hint ? ` (did you mean "${hint}"?)` : ""}; valid options: ${[...known].sort().join(", ")}`,
    );
  }
}

/** The known key nearest to `key` by edit distance, when it is near enough to be a typo. */
function closestKey(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Math.max(2, Math.floor(key.length / 3)) + 1;
  for (const k of known) {
    const d = editDistance(key.toLowerCase(), k.toLowerCase());
    if (d < bestD) { best = k; bestD = d; }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}
