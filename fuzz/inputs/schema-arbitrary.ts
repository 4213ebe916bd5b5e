import fc from "fast-check";
import { HOSTILE_SCALARS } from "./hostile";

/** The part of JSON Schema the scenario schema uses (scenarios/schema.json). */
interface Schema {
  type?: string | string[];
  $ref?: string;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  prefixItems?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  examples?: unknown[];
  default?: unknown;
  $defs?: Record<string, Schema>;
}

/** A value that breaks something: a hostile scalar, a huge or non-finite number, a deep list. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...HOSTILE_SCALARS),
  fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, -0, 4.9e-324, 2 ** 64, -(2 ** 31)),
  fc.integer({ min: 65, max: 400 }).map((d) => nest(d)),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.constant({ __proto__: { polluted: true } }),
);

function nest(depth: number): unknown {
  let v: unknown = "x";
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

/**
 * A fast-check arbitrary of documents shaped by a JSON Schema: every key the schema knows, the
 * types, enums and patterns it asks for, with a hostile value in place of a sensible one now
 * and then (`hostileRatio`), and unknown keys sometimes. Most documents are nearly valid, so
 * they reach the loader's conversion and cross-checks rather than stopping at the shape.
 */
export function schemaArbitrary(root: Schema, options: { hostileRatio?: number; maxDepth?: number } = {}): fc.Arbitrary<unknown> {
  const hostileWeight = Math.max(1, Math.round((options.hostileRatio ?? 0.08) * 100));
  const maxDepth = options.maxDepth ?? 8;
  const defs = root.$defs ?? {};
  const build = (s: Schema, depth: number): fc.Arbitrary<unknown> => {
    const base = shape(s, depth);
    return fc.oneof({ arbitrary: base, weight: 100 - hostileWeight }, { arbitrary: hostileValue, weight: hostileWeight });
  };
  const shape = (s: Schema, depth: number): fc.Arbitrary<unknown> => {
    if (s.$ref) {
      const name = s.$ref.replace(/^#\/\$defs\//, "");
      return defs[name] ? shape(defs[name], depth) : fc.anything();
    }
    if (s.const !== undefined) return fc.constant(s.const);
    if (s.enum) return fc.constantFrom(...s.enum);
    const alts = s.anyOf ?? s.oneOf;
    if (alts && alts.length > 0) return fc.oneof(...alts.map((a) => shape({ ...s, anyOf: undefined, oneOf: undefined, ...a }, depth)));
    if (s.allOf && s.allOf.length > 0) return shape({ ...s, allOf: undefined, ...Object.assign({}, ...s.allOf) }, depth);
    const type = Array.isArray(s.type) ? s.type : s.type ? [s.type] : inferType(s);
    if (type.length > 1) return fc.oneof(...type.map((t) => shape({ ...s, type: t }, depth)));
    if (depth > maxDepth) return fc.constantFrom("x", 1, null);
    switch (type[0]) {
      case "string": return stringOf(s);
      case "integer": return fc.integer({ min: s.minimum ?? -10, max: Math.min(s.maximum ?? 1_000, 2 ** 31) });
      case "number": return fc.double({ min: s.minimum ?? -10, max: s.maximum ?? 1e6, noNaN: true });
      case "boolean": return fc.boolean();
      case "null": return fc.constant(null);
      case "array": {
        if (s.prefixItems) return fc.tuple(...s.prefixItems.map((p) => build(p, depth + 1)));
        const item = s.items ? build(s.items, depth + 1) : fc.string();
        return fc.array(item, { minLength: s.minItems ?? 0, maxLength: Math.min(s.maxItems ?? 4, 4) });
      }
      case "object": {
        const props = s.properties ?? {};
        const required = new Set(s.required ?? []);
        const record: Record<string, fc.Arbitrary<unknown>> = {};
        for (const [k, v] of Object.entries(props)) record[k] = build(v, depth + 1);
        const keys = Object.keys(props);
        const known = fc.record(record, { requiredKeys: keys.filter((k) => required.has(k)) });
        const extra = typeof s.additionalProperties === "object" ? build(s.additionalProperties, depth + 1) : fc.string();
        return fc.tuple(known, fc.dictionary(fc.oneof(fc.constantFrom(...TYPO_KEYS), fc.string({ maxLength: 8 })), extra, { maxKeys: 1 }), fc.nat(9)).map(([k, x, dice]) => (dice === 0 ? { ...k, ...x } : k));
      }
      default: return fc.anything();
    }
  };
  return build(root, 0);
}

/** Keys that are almost the real ones, or JavaScript's own. */
const TYPO_KEYS = ["duraton", "node", "fault", "__proto__", "constructor", "n\u0430me", "latencey", "rate "];

function inferType(s: Schema): string[] {
  if (s.properties || s.additionalProperties !== undefined) return ["object"];
  if (s.items || s.prefixItems) return ["array"];
  if (s.pattern) return ["string"];
  return ["string", "number", "null"];
}

const patternCache = new Map<string, fc.Arbitrary<string>>();

/** A string that matches the schema's pattern (most of the time), or one of its examples. */
function stringOf(s: Schema): fc.Arbitrary<string> {
  const examples = [...(s.examples ?? []), ...(s.default !== undefined ? [s.default] : [])].filter((e): e is string => typeof e === "string");
  if (!s.pattern) return examples.length > 0 ? fc.oneof(fc.constantFrom(...examples), fc.string({ maxLength: 12 })) : fc.string({ maxLength: 12 });
  let matching = patternCache.get(s.pattern);
  if (!matching) {
    try {
      matching = fc.stringMatching(new RegExp(s.pattern, "u")).filter((x) => x.length < 200);
    } catch {
      matching = fc.string({ maxLength: 12 });
    }
    patternCache.set(s.pattern, matching);
  }
  return examples.length > 0 ? fc.oneof(matching, fc.constantFrom(...examples)) : matching;
}
