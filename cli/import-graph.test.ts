import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

// The layers above the engine: scenarios/ -> reports/ -> cli/, arrows pointing down only, and
// no import circles inside any of them. Type-only and dynamic `import()` arrows count: both
// tie one module to another just the same (the CLI's old command table was a circle of
// dynamic imports one way and type imports back). engine/ has its own test beside it.

const root = resolve(new URL("..", import.meta.url).pathname);
const LAYERS = ["scenarios", "reports", "cli"] as const;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === "node_modules" || name === "dist") continue;
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.ts$/.test(name) && !/\.(test|spec)\.ts$/.test(name) && !name.endsWith(".d.ts")) out.push(path);
  }
  return out;
}

/** Every relative module a file names: static imports and re-exports (type-only too), and `import("...")`. */
function importsOf(file: string, known: ReadonlySet<string>): string[] {
  const text = readFileSync(file, "utf8");
  const specs = [
    ...[...text.matchAll(/^\s*(?:import|export)\s[^'";]*?from\s+["'](\.[^"']+)["']/gm)].map((m) => m[1]),
    ...[...text.matchAll(/^\s*import\s+["'](\.[^"']+)["']/gm)].map((m) => m[1]),
    ...[...text.matchAll(/\bimport\(\s*["'](\.[^"']+)["']\s*\)/g)].map((m) => m[1]),
  ];
  const out: string[] = [];
  for (const spec of specs) {
    const base = resolve(dirname(file), spec);
    const hit = [base, base.replace(/\.js$/, ".ts"), `${base}.ts`, join(base, "index.ts")].find((c) => known.has(c));
    if (hit) out.push(hit);
  }
  return out;
}

/** Strongly connected components of more than one file (Tarjan), as paths from the root. */
function circles(files: readonly string[], edges: ReadonlyMap<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>(), low = new Map<string, number>(), stack: string[] = [], onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next); low.set(v, next++); stack.push(v); onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) { visit(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); }
      else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do { w = stack.pop()!; onStack.delete(w); component.push(relative(root, w)); } while (w !== v);
    if (component.length > 1) found.push(component.sort());
  };
  for (const f of files) if (!index.has(f)) visit(f);
  return found;
}

const files = ["engine", ...LAYERS, "viz/src"].flatMap((d) => sourceFiles(join(root, d)));
const known = new Set(files);
const edges = new Map(files.map((f) => [f, importsOf(f, known)]));
const layerOf = (f: string): string => relative(root, f).split("/")[0];

describe("import graph", () => {
  for (const layer of LAYERS) {
    it(`import graph: ${layer}/ has no import circle, counting type-only and dynamic imports`, () => {
      const inLayer = files.filter((f) => layerOf(f) === layer);
      const local = new Map(inLayer.map((f) => [f, (edges.get(f) ?? []).filter((t) => layerOf(t) === layer)]));
      expect(circles(inLayer, local)).toEqual([]);
    });
  }

  it("import graph: arrows point down only (scenarios/ below reports/ below cli/; none of them imports viz/)", () => {
    const rank = (f: string): number => ["engine", ...LAYERS].indexOf(layerOf(f));
    const upward = files
      .filter((f) => layerOf(f) !== "viz")
      .flatMap((f) => (edges.get(f) ?? []).filter((t) => layerOf(t) === "viz" || rank(t) > rank(f)).map((t) => `${relative(root, f)} -> ${relative(root, t)}`));
    expect(upward).toEqual([]);
  });
});
