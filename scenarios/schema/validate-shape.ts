import Ajv2020 from "ajv/dist/2020.js";
import type { ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
import type { JsonObject } from "../../engine/core/json";
import { scenarioError } from "../errors";
import type { ErrorCode, ScenarioError } from "../errors";
import { didYouMean } from "../suggest";
import { describe, DURATION_PATTERN, parseDuration, parsePpm, parseRate, parseRatio } from "../units";
import type { UnitResult } from "../units";
import { parseLatencyText } from "../convert/latency";
import { buildScenarioSchema } from "./scenario-schema";
import { precompiledScenarioValidator } from "./precompiled";
import { DEFS } from "./defs";
import { isTextLang, TEXT_LANGS } from "../../engine/text-lang";
import { entryOf, nodeAt, pathText, pointerSegments, toPlain } from "../source/source-node";
import type { PathSegment, SourceNode } from "../source/source-node";

/** Errors reported per document at most: past this, more lines help nobody. */
const MAX_ERRORS = 100;

let compiled: ValidateFunction | undefined;

/**
 * The compiled scenario schema. Compiling costs tens of milliseconds, so it is done once per
 * process and shared; the function is pure, so sharing it shares no run state.
 */
function scenarioValidator(): ValidateFunction {
  const precompiled = precompiledScenarioValidator();
  if (precompiled) return precompiled;
  if (!compiled) compiled = newAjv().compile(buildScenarioSchema());
  return compiled;
}

/** The options of every ajv instance the loader uses: every error, with the failing schema. */
export const AJV_OPTIONS = { allErrors: true, verbose: true, strict: true, strictTypes: false, strictTuples: false, strictRequired: false, allowUnionTypes: true } as const;

/** An ajv instance configured as the loader needs it. */
export function newAjv(): Ajv2020 {
  return new Ajv2020({ ...AJV_OPTIONS });
}

/** Checks the tree against the scenario schema; each error points at its value. */
export function validateShape(root: SourceNode): ScenarioError[] {
  const validate = scenarioValidator();
  if (validate(toPlain(root))) return [];
  return mapAjvErrors(validate.errors ?? [], root, []);
}

/** What each shared definition's failures mean, and the parser that explains them. */
const UNIT_DEFS: Record<string, { code: ErrorCode; parse: (v: unknown) => UnitResult<unknown> }> = {
  duration: { code: "CS103", parse: (v) => parseDuration(v) },
  signedDuration: { code: "CS103", parse: (v) => parseDuration(v, { signed: true }) },
  rate: { code: "CS104", parse: parseRate },
  ratio: { code: "CS105", parse: parseRatio },
  ppm: { code: "CS111", parse: parsePpm },
  latency: {
    code: "CS109",
    parse: (v) => (typeof v === "string" ? parseLatencyText(v) : { ok: false, message: `expected a latency such as "5ms" or "uniform(1ms, 5ms)", got ${describe(v)}` }),
  },
};

/** Turns ajv's errors into scenario errors with codes, positions and suggestions. */
export function mapAjvErrors(errors: readonly ErrorObject[], root: SourceNode, prefix: PathSegment[]): ScenarioError[] {
  const out: ScenarioError[] = [];
  const seen = new Set<string>();
  // A value that fits none of the forms of an anyOf or oneOf gets one error saying so, rather
  // than one error per form it does not fit.
  const alternatives = errors.filter((e) => e.keyword === "anyOf" || e.keyword === "oneOf");
  const underAlternative = (e: ErrorObject) => alternatives.some((a) => a !== e && e.instancePath.startsWith(a.instancePath) && e.schemaPath.startsWith(`${a.schemaPath}/`));
  for (const err of errors) {
    if (out.length >= MAX_ERRORS) break;
    if (underAlternative(err)) continue;
    const e = mapOne(err, root, prefix);
    if (!e) continue;
    const key = `${e.file}:${e.line}:${e.column}:${e.code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  return out;
}

function mapOne(err: ErrorObject, root: SourceNode, prefix: PathSegment[]): ScenarioError | undefined {
  if (["if", "allOf", "not", "then", "else"].includes(err.keyword)) return undefined;
  const local = pointerSegments(root, err.instancePath);
  const { node } = nodeAt(root, local);
  const segments = [...prefix, ...local];
  const path = pathText(segments);
  const where = path === "" ? "at the top level" : `in ${path}`;
  const def = defName(err.parentSchema);
  const data = err.data;
  const unit = def ? UNIT_DEFS[def] : undefined;
  if (def === "text" && (err.keyword === "required" || err.keyword === "additionalProperties")) return textLangError(err, node, path, segments);
  if (def === "latency" && err.keyword === "required") {
    const dist = (data as { dist?: unknown } | null)?.dist;
    const missing = (err.params as { missingProperty: string }).missingProperty;
    return scenarioError("CS109", node.pos, path, typeof dist === "string"
      ? `a ${dist} latency needs "${missing}"`
      : `a latency mapping needs "${missing}" (dist is one of constant, uniform, normal, lognormal, exponential, pareto, table)`);
  }
  // A unit value that fails its definition is explained by the unit's own parser, which knows
  // the likely mistake (a missing unit, "sec" for "s"); a latency mapping's inner keys are not.
  const wholeValue = def !== "latency" || err.keyword === "type" || err.keyword === "pattern";
  if (unit && wholeValue && err.keyword !== "additionalProperties") {
    const r = unit.parse(data);
    const message = r.ok ? `${err.message ?? "invalid"} ${where}` : r.message;
    return scenarioError(unit.code, node.pos, path, message, r.ok ? undefined : r.suggestion);
  }
  switch (err.keyword) {
    case "additionalProperties": {
      const key = (err.params as { additionalProperty: string }).additionalProperty;
      const allowed = Object.keys(((err.parentSchema as JsonObject | undefined)?.properties ?? {}) as JsonObject).filter((k) => k !== "$schema");
      const pos = entryOf(node, key)?.keyPos ?? node.pos;
      const keyPath = pathText([...segments, key]);
      if (key === "<<") return scenarioError("CS101", pos, keyPath, "YAML merge keys (<<) are not supported", "use `extends: base.yaml`, or an anchor for a whole value");
      return scenarioError("CS101", pos, keyPath, `unknown key "${key}" ${where}; expected one of: ${allowed.join(", ")}`, didYouMean(key, allowed));
    }
    case "required": {
      const missing = (err.params as { missingProperty: string }).missingProperty;
      return scenarioError("CS106", node.pos, path, `missing "${missing}" ${where}`);
    }
    case "type": {
      const types = String((err.params as { type: string | string[] }).type).split(",");
      return scenarioError("CS102", node.pos, path, `expected ${types.map(typeWord).join(" or ")} ${where}, got ${describe(data)}`);
    }
    case "enum":
    case "const": {
      const allowed = (err.keyword === "enum" ? (err.params as { allowedValues: unknown[] }).allowedValues : [(err.params as { allowedValue: unknown }).allowedValue]);
      const words = allowed.map((v) => (v === null ? "null" : String(v)));
      return scenarioError("CS107", node.pos, path, `${describe(data)} is not allowed ${where}; expected ${words.length === 1 ? words[0] : `one of: ${words.join(", ")}`}`, typeof data === "string" ? didYouMean(data, words) : undefined);
    }
    case "anyOf":
    case "oneOf": {
      const branches = (err.parentSchema as Record<string, unknown> | undefined)?.[err.keyword];
      const forms = Array.isArray(branches) ? branches.map(formWord) : [];
      const list = forms.length > 0 ? `: ${forms.slice(0, -1).join(", ")}${forms.length > 1 ? ", or " : ""}${forms[forms.length - 1]}` : "";
      // A string meant as a duration most likely has a misspelled unit: say which.
      const asDuration = forms.includes("a duration such as 250ms") && typeof data === "string" ? parseDuration(data) : undefined;
      const suggestion = asDuration && !asDuration.ok ? asDuration.suggestion : undefined;
      return scenarioError("CS102", node.pos, path, `${describe(data)} ${where} fits none of the allowed forms${list}`, suggestion);
    }
    case "pattern":
      return patternError(err, node, path, where, segments);
    default:
      return scenarioError("CS108", node.pos, path, `${describe(data)} ${where}: ${err.message ?? "is out of range"}`);
  }
}

/** A text in several languages with a code that is not one of ours, or without its English. */
function textLangError(err: ErrorObject, node: SourceNode, path: string, segments: PathSegment[]): ScenarioError {
  const codes = TEXT_LANGS.join(", ");
  if (err.keyword === "required") {
    return scenarioError("CS112", node.pos, path, `the text in ${path} has no English ("en"): every text gives English, the language a reader falls back to`, "add `en: ...` beside the other languages");
  }
  const key = (err.params as { additionalProperty: string }).additionalProperty;
  const pos = entryOf(node, key)?.keyPos ?? node.pos;
  const base = key.toLowerCase().split(/[-_]/)[0];
  const suggestion = isTextLang(base) ? `did you mean "${base}"?` : didYouMean(key, [...TEXT_LANGS]);
  return scenarioError("CS112", pos, pathText([...segments, key]), `"${key}" is not a language code of the scenario format; the codes are ${codes}`, suggestion);
}

/** A string that fails a pattern: a name, an address, an IP, a seed range, a latency... */
function patternError(err: ErrorObject, node: SourceNode, path: string, where: string, segments: PathSegment[]): ScenarioError {
  const data = String(err.data);
  const last = segments[segments.length - 1];
  if (last === "seeds") return scenarioError("CS110", node.pos, path, `"${data}" is not a seed range: write low..high, such as 1..20`);
  if (last === "ip") return scenarioError("CS111", node.pos, path, `"${data}" is not an IPv4 address such as 10.0.0.7`);
  // A component option's duration (engine/options/schema-fragments.ts) has the scenario's own
  // duration pattern, so its parser explains the mistake the same way (a misspelled unit).
  if ((err.parentSchema as { pattern?: unknown } | undefined)?.pattern === DURATION_PATTERN) {
    const r = parseDuration(data);
    return scenarioError("CS103", node.pos, path, `"${data}" ${where} is not a duration${r.ok ? "" : `: ${r.message}`}`, r.ok ? undefined : r.suggestion);
  }
  const isAddress = defName(err.parentSchema) === "address";
  return scenarioError("CS111", node.pos, path, `"${data}" is not a valid ${isAddress ? "node or node/process address" : "name"} ${where}: names start with a letter or digit and use letters, digits, _ . : -`);
}

/**
 * Which shared definition a failing schema is. ajv's `schemaPath` cannot say: it is relative to
 * the referenced schema when the reference is compiled separately, and absolute when inlined.
 * A validator compiled here hands back the schema objects themselves, looked up by identity; a
 * precompiled one (precompiled.ts) hands back copies written into its code, looked up by their
 * JSON text (only on a failure, so the cost does not matter).
 */
const DEF_NAMES = new Map<unknown, string>(Object.entries(DEFS).map(([name, schema]) => [schema, name]));
// A latency mapping's per-distribution requirements live in `then` clauses of its own.
for (const clause of DEFS.latency.allOf as Array<{ then: unknown }>) DEF_NAMES.set(clause.then, "latency");
const DEF_TEXTS = new Map<string, string>();
for (const [schema, name] of DEF_NAMES) if (!DEF_TEXTS.has(JSON.stringify(schema))) DEF_TEXTS.set(JSON.stringify(schema), name);

function defName(schema: unknown): string | undefined {
  if (schema === null || typeof schema !== "object") return undefined;
  return DEF_NAMES.get(schema) ?? DEF_TEXTS.get(JSON.stringify(schema));
}

/** One form of an anyOf in words: `a duration such as 250ms`, `one of yes, no`, `a list`. */
function formWord(schema: unknown): string {
  const s = (schema ?? {}) as { type?: unknown; enum?: unknown[]; const?: unknown; pattern?: unknown };
  if (Array.isArray(s.enum)) return `one of ${s.enum.map(String).join(", ")}`;
  if ("const" in s) return String(s.const);
  if (s.pattern === DURATION_PATTERN) return "a duration such as 250ms";
  if (typeof s.type === "string") return typeWord(s.type);
  if (Array.isArray(s.type)) return s.type.map((t) => typeWord(String(t))).join(" or ");
  return "another form";
}

function typeWord(t: string): string {
  return ({ string: "a string", integer: "an integer", number: "a number", object: "a mapping", array: "a list", boolean: "true or false", null: "nothing" } as Record<string, string>)[t] ?? t;
}
