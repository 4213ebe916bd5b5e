import type { RunResult } from "../engine/result";

/**
 * The order of a result's top-level keys in the JSON report: what a person looks for first
 * (which scenario, which seed, did it pass, how to replay it) comes first. Keys not listed here
 * (a later version of the result) follow in alphabetical order; nested objects are written with
 * sorted keys, like the canonical trace encoding, so the same result gives the same bytes.
 */
export const RESULT_KEY_ORDER: readonly string[] = [
  "scenario", "seed", "passed", "stopReason", "replay", "traceHash", "traceVersion", "digest", "recording",
  "stats", "faults", "schedule", "checks", "expectations", "metrics", "narration",
];

type Plain = null | boolean | number | string | Plain[] | { [key: string]: Plain };

function sortKeys(value: unknown, topOrder?: readonly string[]): Plain | undefined {
  if (value === null) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (Array.isArray(value)) return value.map((v) => sortKeys(v) ?? null);
  if (typeof value === "object") {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj).sort();
    const ordered = topOrder ? [...topOrder.filter((k) => k in obj), ...keys.filter((k) => !topOrder.includes(k))] : keys;
    const out: { [key: string]: Plain } = {};
    for (const k of ordered) {
      const v = sortKeys(obj[k]);
      if (v !== undefined) out[k] = v;
    }
    return out;
  }
  // Functions, symbols and undefined have no JSON form, as in JSON.stringify.
  return undefined;
}

/**
 * JSON with a stable key order: `topOrder` for the outermost object, sorted keys below it.
 * Non-finite numbers become null, as JSON.stringify makes them; undefined fields are left out.
 */
export function stableStringify(value: unknown, topOrder?: readonly string[], indent = 2): string {
  return JSON.stringify(sortKeys(value, topOrder) ?? null, null, indent);
}

/** The full run result as JSON, stable key order, ending in a newline. */
export function jsonReport(result: RunResult): string {
  return stableStringify(result, RESULT_KEY_ORDER) + "\n";
}

/** Many results as one JSON array, in the order given (the CLI gives them in scenario and seed order). */
export function jsonSuite(results: readonly RunResult[]): string {
  const body = results.map((r) => sortKeys(r, RESULT_KEY_ORDER) ?? null);
  return JSON.stringify(body, null, 2) + "\n";
}
