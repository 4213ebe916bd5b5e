import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { parse, stringify } from "yaml";
import { isErrorCode } from "./errors";
import type { ScenarioError } from "./errors";
import { loadScenario } from "./loader";
import type { LoadOptions, LoadResult } from "./loader";
import { testCatalog, testCheckers } from "./fixtures/test-catalog";

const VALID_TEXT = readFileSync(new URL("./fixtures/round-trip.yaml", import.meta.url), "utf8");
const VALID = parse(VALID_TEXT) as Record<string, unknown>;
const OPTIONS: LoadOptions = { file: "fuzz.yaml", catalog: testCatalog, checkers: testCheckers };

/** What every load must give: a scenario in engine units, or well-formed errors. Never a throw. */
function assertWellFormed(r: LoadResult): void {
  const positioned = (e: ScenarioError) => {
    expect(isErrorCode(e.code), e.code).toBe(true);
    expect(e.code, e.message).not.toBe("CS900");
    expect(typeof e.file).toBe("string");
    expect(Number.isInteger(e.line) && e.line >= 1, `line ${e.line}`).toBe(true);
    expect(Number.isInteger(e.column) && e.column >= 1, `column ${e.column}`).toBe(true);
    expect(e.message.length).toBeGreaterThan(0);
  };
  r.warnings.forEach(positioned);
  if (!r.ok) {
    expect(r.errors.length).toBeGreaterThan(0);
    r.errors.forEach(positioned);
    return;
  }
  expect(typeof r.scenario.name).toBe("string");
  expect(Number.isSafeInteger(r.scenario.duration)).toBe(true);
  for (const f of r.scenario.faults ?? []) expect(Number.isSafeInteger(f.at) && f.at <= r.scenario.duration).toBe(true);
  for (const p of r.scenario.processes) expect(r.scenario.nodes.some((n) => n.name === p.node)).toBe(true);
}

/** Loads, and checks it came back well-formed and quickly. */
function check(text: string, options: LoadOptions = OPTIONS): LoadResult {
  const started = Date.now();
  const r = loadScenario(text, options);
  // Generous for a loaded CI machine; a hang or an exponential blow-up would take far longer.
  expect(Date.now() - started).toBeLessThan(10_000);
  assertWellFormed(r);
  return r;
}

/** Tokens that make random text look like YAML often enough to reach the deeper stages. */
const TOKENS = [
  "name", "duration", "nodes", "faults", "at", "crash", "for", "workload", "rate", "network", "latency",
  ":", ": ", "- ", "[", "]", "{", "}", ",", "\n", "\n  ", "\n    ", "&a ", "*a", "!!str ", "!x ", "'", '"', "#",
  "10s", "5ms", "100/s", "1%", "n1", "n2", "0", "-1", "1e400", "null", "true", "uniform(1ms, 2ms)", "<<: ", "---\n", "\t",
];

/** A random path to a value inside a plain JSON-like tree. */
function paths(value: unknown, prefix: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...prefix, i], out));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  return out;
}

type Mutation = { kind: "delete" | "replace" | "rename" | "stringify"; value: unknown; typo: string };

/** Applies one mutation at `path` of a deep copy of the valid scenario. */
function mutate(path: Array<string | number>, m: Mutation): unknown {
  const root = structuredClone(VALID);
  if (path.length === 0) return m.kind === "replace" ? m.value : root;
  let parent: any = root;
  for (const seg of path.slice(0, -1)) parent = parent[seg];
  const last = path[path.length - 1];
  if (m.kind === "delete") {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else if (m.kind === "replace") parent[last] = m.value;
  else if (m.kind === "stringify") parent[last] = typeof parent[last] === "number" ? `${parent[last]}` : JSON.stringify(parent[last]);
  else if (!Array.isArray(parent)) {
    parent[`${String(last)}${m.typo}`] = parent[last];
    delete parent[last];
  }
  return root;
}

const ALL_PATHS = paths(VALID);

describe("loader: fuzz", () => {
  test("fuzz: arbitrary text loads or gives coded, positioned errors", () => {
    fc.assert(fc.property(fc.string({ maxLength: 400, unit: "grapheme" }), (text) => void check(text)), { numRuns: 300 });
  });

  test("fuzz: YAML-looking token soup loads or gives coded, positioned errors", () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 80 }), (tokens) => void check(tokens.join(""))), { numRuns: 400 });
  });

  test("fuzz: any JSON value written as YAML loads or gives coded, positioned errors", () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 5 }), (value) => void check(stringify(value))), { numRuns: 200 });
  });

  test("fuzz: mutations of a valid scenario load or give coded, positioned errors", () => {
    const mutation = fc.record({
      kind: fc.constantFrom("delete", "replace", "rename", "stringify"),
      value: fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom("10s", "-5ms", "n9", "1..0", "200%", "p99(x) <", "uniform(2ms, 1ms)", 0, 1e300, "")),
      typo: fc.constantFrom("s", "x", "_", ""),
    }) as fc.Arbitrary<Mutation>;
    fc.assert(fc.property(fc.constantFrom(...ALL_PATHS), mutation, (path, m) => void check(stringify(mutate(path, m)))), { numRuns: 500 });
  });

  test("fuzz: character edits of the valid text load or give coded, positioned errors", () => {
    fc.assert(fc.property(fc.nat(VALID_TEXT.length), fc.nat(20), fc.string({ maxLength: 6 }), (at, cut, insert) => {
      void check(VALID_TEXT.slice(0, at) + insert + VALID_TEXT.slice(at + cut));
    }), { numRuns: 300 });
  });

  test("fuzz: arbitrary --set overrides load or give coded, positioned errors", () => {
    const path = fc.array(fc.oneof(fc.constantFrom(...ALL_PATHS.flat().map(String)), fc.string({ maxLength: 4 })), { minLength: 1, maxLength: 4 }).map((p) => p.join("."));
    fc.assert(fc.property(fc.array(fc.tuple(path, fc.string({ maxLength: 12 })).map(([p, v]) => `${p}=${v}`), { maxLength: 3 }), (sets) => {
      void check(VALID_TEXT, { ...OPTIONS, sets });
    }), { numRuns: 300 });
  });

  test("fuzz: loading is deterministic: the same text gives the same result", () => {
    fc.assert(fc.property(fc.constantFrom(...ALL_PATHS), fc.jsonValue({ maxDepth: 2 }), (path, value) => {
      const text = stringify(mutate(path, { kind: "replace", value, typo: "" }));
      expect(loadScenario(text, OPTIONS)).toEqual(loadScenario(text, OPTIONS));
    }), { numRuns: 100 });
  });
});

describe("loader: bounds", () => {
  test("bounds: an alias bomb is refused with CS003, quickly", () => {
    const lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 20; i++) lines.push(`l${i}: &l${i} [${Array(10).fill(i === 1 ? "*a" : `*l${i - 1}`).join(", ")}]`);
    const r = check(lines.join("\n"));
    expect(!r.ok && r.errors.map((e) => e.code)).toEqual(["CS003"]);
  });

  test("bounds: a self-referencing alias is refused, not expanded forever", () => {
    const r = check("a: &a [1, *a]\n");
    expect(r.ok).toBe(false);
  });

  test("bounds: nesting deeper than the limit is refused with CS003", () => {
    for (const text of ["[".repeat(100_000), `${"[".repeat(200)}${"]".repeat(200)}`, Array.from({ length: 300 }, (_, i) => `${" ".repeat(i)}k:`).join("\n")]) {
      const r = check(text);
      expect(!r.ok && r.errors.some((e) => e.code === "CS003" || e.code === "CS001"), text.slice(0, 30)).toBe(true);
    }
  });

  test("bounds: a huge seed range and a huge node count are refused, not enumerated", () => {
    expect(check("name: t\nduration: 1s\nnodes: 1\nseeds: 1..999999999999\n").ok).toBe(false);
    expect(check("name: t\nduration: 1s\nnodes: 999999999\n").ok).toBe(false);
  });
});
