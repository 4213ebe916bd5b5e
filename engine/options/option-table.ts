import type { JsonObject } from "../core/json";
import { formatMicros } from "../core/time";
import { bool, duration, int, rate, ratio } from "./schema-fragments";
import { badConfig, toBool, toChoice, toInt, toMicros, toRate, toRatio } from "./option-values";

/**
 * One option of a component, declared once: what it is called, what it holds and in which unit,
 * its default, its range, what it means, and what the system it models calls it. The runtime
 * reader (`readOptions`), the JSON Schema (`optionsSchema`), the defaults (`defaultsOf`) and
 * the documentation's option table (`optionsDoc`) are all derived from the declaration, so none
 * of them can drift from another.
 */
export type OptionSpec =
  | { type: "int"; default: number; min: number; max?: number; description: string; source?: string }
  | { type: "duration"; default: number; min?: number; description: string; source?: string }
  | { type: "rate"; default: number; description: string; source?: string }
  | { type: "ratio"; default: number; description: string; source?: string }
  | { type: "bool"; default: boolean; description: string; source?: string }
  | { type: "number"; default: number; min: number; description: string; source?: string }
  | { type: "enum"; default: string; values: readonly string[]; description: string; source?: string };

/** A component family's options, by the name a scenario's `config` uses. */
export type OptionTable = Readonly<Record<string, OptionSpec>>;

/** The value type an option reads to: booleans for `bool`, one of its values for `enum`, numbers (engine units) for the rest. */
export type OptionValue<S extends OptionSpec> = S extends { type: "enum"; values: readonly (infer V)[] } ? V : S["type"] extends "bool" ? boolean : number;

/** The options of a table, read and defaulted. */
export type OptionValues<T extends OptionTable> = { -readonly [K in keyof T]: OptionValue<T[K]> };

/** The unit an option's value is in, as the docs print it. */
export function unitOf(spec: OptionSpec): string {
  return { int: "count", number: "", enum: "", duration: "µs (or text: 250ms, 30s)", rate: "per second (or 100/s)", ratio: "0..1 (or 5%)", bool: "" }[spec.type];
}

/** Every option's default, taken from the table (the only place a default is written). */
export function defaultsOf<T extends OptionTable>(table: T): OptionValues<T> {
  const out: Record<string, number | boolean | string> = {};
  for (const [name, spec] of Object.entries(table)) out[name] = spec.default;
  return out as OptionValues<T>;
}

/**
 * Reads a table's options from a component's `config`: each absent one takes its default, each
 * present one is read in engine units (text with units accepted) and checked against its range.
 * A bad value is a CS701 error that names `where`, the option and what would be right. Keys
 * the table does not declare are the caller's to read or refuse.
 */
export function readOptions<T extends OptionTable>(table: T, config: Record<string, unknown>, where: string): OptionValues<T> {
  const out: Record<string, number | boolean | string> = {};
  for (const [name, spec] of Object.entries(table)) {
    const raw = config[name];
    if (raw === undefined || raw === null) {
      out[name] = spec.default;
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
      case "number":
        out[name] = typeof raw === "number" && Number.isFinite(raw) && raw >= spec.min ? raw : badConfig(where, name, `a number >= ${spec.min}`, raw);
        break;
      case "enum": out[name] = toChoice(raw, spec.values, where, name); break;
    }
  }
  return out as OptionValues<T>;
}

/** The description a schema and the docs show: the meaning, the source system's name, the default. */
function describe(spec: OptionSpec): string {
  const dflt = spec.type === "duration" ? formatMicros(spec.default) : String(spec.default);
  return `${spec.description}${spec.source ? ` (${spec.source})` : ""} Default ${dflt}.`;
}

/** JSON Schema properties for a table, with each default and range from its declaration. */
export function optionsSchema(table: OptionTable): Record<string, JsonObject> {
  const out: Record<string, JsonObject> = {};
  for (const [name, spec] of Object.entries(table)) {
    const text = describe(spec);
    switch (spec.type) {
      case "int": out[name] = { ...int(spec.min, text), ...(spec.max !== undefined ? { maximum: spec.max } : {}), default: spec.default }; break;
      case "duration": out[name] = { ...duration(text), default: spec.default }; break;
      case "rate": out[name] = { ...rate(text), default: spec.default }; break;
      case "ratio": out[name] = { ...ratio(text), default: spec.default }; break;
      case "bool": out[name] = { ...bool(text), default: spec.default }; break;
      case "number": out[name] = { type: "number", minimum: spec.min, description: text, default: spec.default }; break;
      case "enum": out[name] = { enum: [...spec.values], description: text, default: spec.default }; break;
    }
  }
  return out;
}

/** The documentation's table of a family's options (markdown): name, type, unit, default, range, meaning, source. */
export function optionsDoc(table: OptionTable): string {
  const rows = Object.entries(table).map(([name, spec]) => {
    const dflt = spec.type === "duration" ? formatMicros(spec.default) : String(spec.default);
    const range = spec.type === "int" ? `${spec.min}..${spec.max ?? "∞"}` : spec.type === "ratio" ? "0..1" : spec.type === "duration" && spec.min !== undefined ? `≥ ${formatMicros(spec.min)}` : spec.type === "number" ? `≥ ${spec.min}` : spec.type === "enum" ? spec.values.join(", ") : spec.type === "bool" ? "" : "≥ 0";
    return `| \`${name}\` | ${spec.type} | ${unitOf(spec)} | ${dflt} | ${range} | ${spec.description} | ${spec.source ?? ""} |`;
  });
  return ["| Option | Type | Unit | Default | Range | Meaning | Source system's name |", "|---|---|---|---|---|---|---|", ...rows].join("\n") + "\n";
}
