import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// The house's import rules, checked on the source as it is. It reads imports the way
// ../shared/tools/import-circles.mjs does (relative `import`/`export ... from`, bare
// `import "./x"`, type-only imports counted like any other, tests and .d.ts files left out), so
// the two agree, and counts dynamic `import("./x")` as well, which the shared tool does not: the
// CLI's old command table was a circle of dynamic imports one way and type imports back. It is
// written out here so that the test needs nothing outside the checkout.

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Folders that must be free of import circles. Adding one is one line. */
const ACYCLIC = [
  "engine",
  "scenarios",
  "reports",
  "cli",
];

/** The folders above the engine, lowest first: each imports only itself and those below (viz/ none of them but scenarios/). */
const LAYERS = ["engine", "scenarios", "reports", "cli"];

/**
 * The kernel's floors, lowest first: a file in one may import only from its own floor and the
 * floors below it. `engine/core` is the ground floor and imports nothing above it.
 */
const FLOORS = [
  "engine/core",
  "engine/node",
  "engine/net",
  "engine/faults",
];

type Graph = Map<string, string[]>;

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (name === "node_modules" || name === "dist") continue;
    if (statSync(p).isDirectory()) sourceFiles(p, out);
    else if (/\.(ts|svelte)$/.test(name) && !/\.(test|spec)\.ts$/.test(name) && !/\.d\.ts$/.test(name)) out.push(resolve(p));
  }
  return out;
}

/** Relative imports of each file, resolved to files of the same set (as the shared tool does). */
function importGraph(dirs: string[]): Graph {
  const files = dirs.flatMap((d) => sourceFiles(join(ROOT, d)));
  const known = new Set(files);
  const target = (from: string, spec: string): string | undefined => {
    const b = resolve(dirname(from), spec);
    return [b, b.replace(/\.js$/, ".ts"), `${b}.ts`, join(b, "index.ts"), `${b}.svelte`].find((c) => known.has(c));
  };
  const graph: Graph = new Map();
  for (const f of files) {
    const src = readFileSync(f, "utf8");
    const out: string[] = [];
    for (const m of src.matchAll(/^\s*(import|export)\s+(type\s+)?[^'";]*?from\s+["'](\.[^"']+)["']/gm)) {
      const t = target(f, m[3]);
      if (t) out.push(t);
    }
    for (const m of src.matchAll(/^\s*import\s+["'](\.[^"']+)["']/gm)) {
      const t = target(f, m[1]);
      if (t) out.push(t);
    }
    for (const m of src.matchAll(/\bimport\(\s*["'](\.[^"']+)["']\s*\)/g)) {
      const t = target(f, m[1]);
      if (t) out.push(t);
    }
    graph.set(f, out);
  }
  return graph;
}

/** Strongly connected components of more than one file (Tarjan), each a circle of imports. */
function circles(graph: Graph): string[][] {
  let next = 0;
  const index = new Map<string, number>(), low = new Map<string, number>(), stack: string[] = [], on = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const c: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        c.push(w);
      } while (w !== v);
      if (c.length > 1) found.push(c);
    }
  };
  for (const f of graph.keys()) if (!index.has(f)) visit(f);
  return found;
}

const rel = (f: string) => relative(ROOT, f).split("\\").join("/");
const floorOf = (f: string) => FLOORS.findIndex((d) => rel(f).startsWith(`${d}/`));

/** Imports that leave a floor for a higher one, or for a folder that is not a floor at all. */
function upwardImports(graph: Graph): string[] {
  const bad: string[] = [];
  for (const [from, targets] of graph) {
    const floor = floorOf(from);
    if (floor < 0) continue;
    for (const to of targets) {
      const t = floorOf(to);
      if (t < 0 || t > floor) bad.push(`${rel(from)} -> ${rel(to)}`);
    }
  }
  return bad;
}

describe("import layers", () => {
  it.each(ACYCLIC)("layers: %s has no import circle, type-only imports included", (dir) => {
    const found = circles(importGraph([dir])).map((c) => c.map(rel).sort().join(" <-> "));
    expect(found).toEqual([]);
  });

  it("layers: each kernel floor imports only its own floor and the floors below (core nothing above it)", () => {
    expect(upwardImports(importGraph(["engine"]))).toEqual([]);
  });

  it("layers: scenarios/, reports/ and cli/ import only their own folder and those below; none imports viz/", () => {
    const rank = (f: string) => LAYERS.indexOf(rel(f).split("/")[0]);
    const graph = importGraph([...LAYERS, "viz/src"]);
    const bad: string[] = [];
    for (const [from, targets] of graph) {
      if (rank(from) < 0) continue;
      for (const to of targets) if (rank(to) < 0 || rank(to) > rank(from)) bad.push(`${rel(from)} -> ${rel(to)}`);
    }
    expect(bad).toEqual([]);
  });

  it("layers: a dynamic import() counts as an import", () => {
    // main.ts loads each command lazily; without this arrow a command importing main back would pass.
    const graph = importGraph(["cli"]);
    expect(graph.get(join(ROOT, "cli/main.ts"))).toContain(join(ROOT, "cli/commands/run.ts"));
  });

  it("layers: the check sees a circle and an upward import when there is one", () => {
    // The same functions on a made-up graph, so that a check which cannot fail would show here.
    const a = join(ROOT, "engine/core/a.ts"), b = join(ROOT, "engine/net/b.ts"), c = join(ROOT, "engine/core/c.ts");
    const graph: Graph = new Map([[a, [b]], [b, [a, c]], [c, []]]);
    expect(circles(graph).map((x) => x.map(rel).sort())).toEqual([["engine/core/a.ts", "engine/net/b.ts"]]);
    expect(upwardImports(graph)).toEqual(["engine/core/a.ts -> engine/net/b.ts"]);
  });

  it("layers: type-only imports and re-exports count as imports", () => {
    // A layer tied by types alone is tied just the same: the reader must know the type's home.
    const graph = importGraph(["engine"]);
    const simulate = join(ROOT, "engine/simulate.ts"), world = join(ROOT, "engine/world.ts");
    const scenario = join(ROOT, "engine/scenario.ts"), faultSpec = join(ROOT, "engine/faults/fault-spec.ts");
    expect(graph.get(simulate)).toContain(world);
    expect(graph.get(scenario)).toContain(faultSpec); // `import type` and `export type ... from`
  });
});
