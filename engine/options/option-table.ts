import type { JsonObject } from "../core/json";
import { formatMicros } from "../core/time";
import type { LatencySpec } from "../net/latency-spec";
import { bool, duration, int, latency, rate, ratio } from "./schema-fragments";
import { badConfig, toBool, toChoice, toInt, toLatency, toMicros, toRate, toRatio } from "./option-values";

/** A value an option may hold once read. */
type OptionDatum = number | boolean | string | LatencySpec | null;

/**
 * One option of a component, declared once: what it is called, what it holds and in which unit,
 * its default, its range, what it means, and what the system it models calls it. The runtime
 * reader (`readOptions`), the JSON Schema (`optionsSchema`), the defaults (`defaultsOf`) and
 * the documentation's option table (`optionsDoc`) are all derived from the declaration, so none
 * of them can drift from another.
 */
export type OptionSpec = (
  | { type: "int"; default: number | null; min: number; max?: number }
  | { type: "duration"; default: number | null; min?: number }
  | { type: "rate"; default: number | null }
  | { type: "ratio"; default: number | null }
  | { type: "bool"; default: boolean }
  | { type: "number"; default: number | null; min: number; max?: number }
  | { type: "enum"; default: string; values: readonly string[] }
  | { type: "latency"; default: LatencySpec | null }
  | { type: "string"; default: string }
) & OptionText;

/**
 * What every option says about itself. `nullable` options may be `null` (written `null` in a
 * scenario), which means "off" or "none" as the description says; only they may default to null.
 */
export interface OptionText {
  description: string;
  source?: string;
  nullable?: true;
}

/** A component family's options, by the name a scenario's `config` uses. */
export type OptionTable = Readonly<Record<string, OptionSpec>>;

/** The value type an option reads to: booleans for `bool`, one of its values for `enum`, numbers (engine units) for the rest. */
export type OptionValue<S extends OptionSpec> = S extends { nullable: true } ? BareValue<S> | null : BareValue<S>;

/** An option's value type without its null. */
type BareValue<S extends OptionSpec> = S extends { type: "enum"; values: readonly (infer V)[] } ? V : S["type"] extends "bool" ? boolean : S["type"] extends "latency" ? LatencySpec : S["type"] extends "string" ? string : number;

/** The options of a table, read and defaulted. */
export type OptionValues<T extends OptionTable> = { -readonly [K in keyof T]: OptionValue<T[K]> };

/** The unit an option's value is in, as the docs print it. */
export function unitOf(spec: OptionSpec): string {
  return { int: "count", number: "", enum: "", duration: "µs (or text: 250ms, 30s)", rate: "per second (or 100/s)", ratio: "0..1 (or 5%)", bool: "", string: "", latency: "distribution (or 5ms, exponential(10ms))" }[spec.type];
}

/** Every option's default, taken from the table (the only place a default is written). */
export function defaultsOf<T extends OptionTable>(table: T): OptionValues<T> {
  const out: Record<string, OptionDatum> = {};
  for (const [name, spec] of Object.entries(table)) {
    // A table is source code, so a null default on an option that cannot be null is the
    // programmer's mistake: it fails the first time the table is used, in every test.
    if (spec.default === null && !spec.nullable) throw new Error(`option ${name}: only a nullable option may default to null`);
    out[name] = spec.default;
  }
  return out as OptionValues<T>;
}

/**
 * Reads a table's options from a component's `config`: each absent one takes its default, each
 * present one is read in engine units (text with units accepted) and checked against its range.
 * A bad value is a CS701 error that names `where`, the option and what would be right. Keys
 * the table does not declare are the caller's to read or refuse. `base` replaces the declared
 * defaults, for families whose profiles (a named system's settings) sit under the config; a
 * profile is itself read through this function from its overrides, so it is checked the same way.
 */
export function readOptions<T extends OptionTable>(table: T, config: Record<string, unknown>, where: string, base?: OptionValues<T>): OptionValues<T> {
  const out: Record<string, OptionDatum> = {};
  const defaults = (base ?? defaultsOf(table)) as Record<string, OptionDatum>;
  for (const [name, spec] of Object.entries(table)) {
    const raw = config[name];
    if (raw === null && spec.nullable) {
      out[name] = null;
      continue;
    }
    if (raw === undefined || raw === null) {
      out[name] = defaults[name];
      continue;
    }
    switch (spec.type) {
      case "int": {
        const v = toInt(raw, spec.min, where, name);
        if (spec.max !== undefined && v > spec.max) badConfig(where, name, `a whole number from ${spec.min} to ${spec.max}`, raw);
        out[name] = v;
        break;
      }
      case "duration": {
        const v = toMicros(raw, where, name);
        if (spec.min !== undefined && v < spec.min) badConfig(where, name, `a duration of at least ${formatMicros(spec.min)}`, raw);
        out[name] = v;
        break;
      }
      case "rate": out[name] = toRate(raw, where, name); break;
      case "ratio": out[name] = toRatio(raw, where, name); break;
      case "bool": out[name] = toBool(raw, where, name); break;
      case "number": {
        const ok = typeof raw === "number" && Number.isFinite(raw) && raw >= spec.min && (spec.max === undefined || raw <= spec.max);
        out[name] = ok ? raw : badConfig(where, name, spec.max === undefined ? `a number >= ${spec.min}` : `a number from ${spec.min} to ${spec.max}`, raw);
        break;
      }
      case "enum": out[name] = toChoice(raw, spec.values, where, name); break;
      case "latency": out[name] = toLatency(raw, where, name); break;
      case "string": out[name] = typeof raw === "string" ? raw : badConfig(where, name, "a string", raw); break;
    }
  }
  return out as OptionValues<T>;
}

/** A default as the schema's description and the docs print it. */
function defaultText(spec: OptionSpec): string {
  if (spec.default === null) return "none";
  if (spec.type === "latency") return latencyText(spec.default);
  if (spec.type === "string") return JSON.stringify(spec.default);
  return spec.type === "duration" ? formatMicros(spec.default) : String(spec.default);
}

/** The description a schema and the docs show: the meaning, the source system's name, the default. */
function describe(spec: OptionSpec): string {
  return `${spec.description}${spec.source ? ` (${spec.source})` : ""} Default ${defaultText(spec)}.`;
}

/** One option's JSON Schema, without its null. */
function bareSchema(spec: OptionSpec, text: string): JsonObject {
  switch (spec.type) {
    case "int": return { ...int(spec.min, text), ...(spec.max !== undefined ? { maximum: spec.max } : {}) };
    case "duration": return duration(text);
    case "rate": return rate(text);
    case "ratio": return ratio(text);
    case "bool": return bool(text);
    case "number": return { type: "number", minimum: spec.min, ...(spec.max !== undefined ? { maximum: spec.max } : {}), description: text };
    case "enum": return { enum: [...spec.values], description: text };
    case "latency": return latency(text);
    case "string": return { type: "string", description: text };
  }
}

/** JSON Schema properties for a table, with each default and range from its declaration. */
export function optionsSchema(table: OptionTable): Record<string, JsonObject> {
  const out: Record<string, JsonObject> = {};
  for (const [name, spec] of Object.entries(table)) {
    const text = describe(spec);
    const bare = bareSchema(spec, text);
    out[name] = spec.nullable ? { anyOf: [{ type: "null" }, bare], description: String(bare.description), default: spec.default } : { ...bare, default: spec.default };
  }
  return out;
}

/** The documentation's table of a family's options (markdown): name, type, unit, default, range, meaning, source. */
export function optionsDoc(table: OptionTable): string {
  const rows = Object.entries(table).map(([name, spec]) => {
    const range = rangeText(spec) + (spec.nullable ? " or null" : "");
    return `| \`${name}\` | ${spec.type} | ${unitOf(spec)} | ${defaultText(spec)} | ${range} | ${spec.description} | ${spec.source ?? ""} |`;
  });
  return ["| Option | Type | Unit | Default | Range | Meaning | Source system's name |", "|---|---|---|---|---|---|---|", ...rows].join("\n") + "\n";
}

/** An option's range as the docs print it. */
function rangeText(spec: OptionSpec): string {
  switch (spec.type) {
    case "int": return `${spec.min}..${spec.max ?? "∞"}`;
    case "number": return spec.max === undefined ? `≥ ${spec.min}` : `${spec.min}..${spec.max}`;
    case "ratio": return "0..1";
    case "duration": return spec.min !== undefined ? `≥ ${formatMicros(spec.min)}` : "≥ 0";
    case "rate": return "≥ 0";
    case "enum": return spec.values.join(", ");
    case "bool": case "latency": case "string": return "";
  }
}

/** A latency distribution in the shorthand a scenario may write (`exponential(10ms)`). */
export function latencyText(spec: LatencySpec): string {
  const f = (v: number) => formatMicros(v);
  switch (spec.dist) {
    case "constant": return f(spec.value);
    case "uniform": return `uniform(${f(spec.min)}, ${f(spec.max)})`;
    case "normal": return `normal(${f(spec.mean)}, ${f(spec.sd)})`;
    case "lognormal": return `lognormal(${f(spec.median)}, ${spec.sigma})`;
    case "exponential": return `exponential(${f(spec.mean)})`;
    case "pareto": return `pareto(${f(spec.scale)}, ${spec.shape})`;
    case "table": return `table of ${spec.points.length} points`;
  }
}
