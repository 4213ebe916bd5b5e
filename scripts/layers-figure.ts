import { readFileSync, readdirSync, statSync, writeFileSync, existsSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The picture of the layers in docs/architecture.md, drawn from the real import graph: every
 * source file (tests and .d.ts left out) is put in its part of the house (a top folder, or a
 * folder of engine/), each import between two parts is an arrow, and a part sits one row above
 * the highest part it imports, so the ground floor is the bottom row and every arrow should
 * point down. An arrow that points up or sideways would be drawn red. `npx tsx
 * scripts/layers-figure.ts` rewrites docs/layers.svg; scripts/layers-figure.test.ts fails when
 * the committed picture is not what the source gives.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Where the picture is written. */
export const LAYERS_SVG = join(ROOT, "docs", "layers.svg");

const TOP = ["cli", "reports", "scenarios", "viz/src", "engine"];

/** The part of the house a file belongs to: `cli`, `viz`, `engine/core`, `engine/simulate` (a root file)... */
export function partOf(file: string): string | null {
  const r = relative(ROOT, file).split("\\").join("/");
  if (r.startsWith("viz/src/")) return "viz";
  const [top, sub] = r.split("/");
  if (!TOP.includes(top)) return null;
  if (top !== "engine") return top;
  // The engine's root files are a floor each: the scenario and result types sit low, the world
  // and simulate() at the top, so one box for all of them would draw a circle that is not there.
  return sub && !sub.includes(".") ? `engine/${sub}` : `engine/${sub.replace(/\.ts$/, "")}`;
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (name === "node_modules" || name === "dist") continue;
    if (statSync(p).isDirectory()) sourceFiles(p, out);
    else if (/\.(ts|svelte)$/.test(name) && !/\.test\.ts$|\.d\.ts$/.test(name)) out.push(p);
  }
  return out;
}

const IMPORT = /(?:from\s+|import\s*\(\s*|import\s+)["'](\.{1,2}\/[^"']+)["']/g;

function resolveImport(from: string, spec: string): string | null {
  const base = resolve(dirname(from), spec);
  for (const c of [base, `${base}.ts`, base.replace(/\.js$/, ".ts"), join(base, "index.ts")]) {
    if (existsSync(c) && statSync(c).isFile()) return c;
  }
  return null;
}

/** Arrows between parts, with how many file-to-file imports each stands for. */
export function partGraph(): Map<string, Map<string, number>> {
  const graph = new Map<string, Map<string, number>>();
  for (const top of TOP) {
    for (const file of sourceFiles(join(ROOT, top))) {
      const from = partOf(file);
      if (!from) continue;
      if (!graph.has(from)) graph.set(from, new Map());
      for (const m of readFileSync(file, "utf8").matchAll(IMPORT)) {
        const target = resolveImport(file, m[1]);
        const to = target && partOf(target);
        if (!to || to === from) continue;
        const row = graph.get(from)!;
        row.set(to, (row.get(to) ?? 0) + 1);
      }
    }
  }
  return graph;
}

/** Each part's row: 0 for a part that imports no other, else one above the highest it imports. */
export function rows(graph: Map<string, Map<string, number>>): Map<string, number> {
  const out = new Map<string, number>();
  const visiting = new Set<string>();
  const rowOf = (p: string): number => {
    const known = out.get(p);
    if (known !== undefined) return known;
    // A circle between parts has no order; its parts share a row and the arrow shows red.
    if (visiting.has(p)) return 0;
    visiting.add(p);
    let r = 0;
    for (const to of graph.get(p)?.keys() ?? []) r = Math.max(r, rowOf(to) + 1);
    visiting.delete(p);
    out.set(p, r);
    return r;
  };
  for (const p of [...graph.keys()].sort()) rowOf(p);
  return out;
}

const BOX_W = 160, BOX_H = 30, GAP_X = 14, GAP_Y = 46, MARGIN = 20;

/** The picture, as SVG text: the same bytes for the same source. */
export function layersSvg(): string {
  const graph = partGraph();
  const row = rows(graph);
  const maxRow = Math.max(...row.values());
  const byRow: string[][] = Array.from({ length: maxRow + 1 }, () => []);
  for (const [p, r] of [...row].sort(([a], [b]) => a.localeCompare(b))) byRow[r].push(p);
  const widest = Math.max(...byRow.map((r) => r.length));
  const width = MARGIN * 2 + widest * BOX_W + (widest - 1) * GAP_X;
  const height = MARGIN * 2 + 24 + (maxRow + 1) * BOX_H + maxRow * GAP_Y;
  const at = new Map<string, { x: number; y: number }>();
  byRow.forEach((parts, r) => {
    const span = parts.length * BOX_W + (parts.length - 1) * GAP_X;
    const x0 = (width - span) / 2;
    const y = MARGIN + 24 + (maxRow - r) * (BOX_H + GAP_Y);
    parts.forEach((p, i) => at.set(p, { x: x0 + i * (BOX_W + GAP_X), y }));
  });
  const lines: string[] = [];
  let arrows = 0, wrong = 0;
  for (const [from, tos] of [...graph].sort(([a], [b]) => a.localeCompare(b))) {
    for (const [to] of [...tos].sort(([a], [b]) => a.localeCompare(b))) {
      const a = at.get(from)!, b = at.get(to)!;
      const down = row.get(from)! > row.get(to)!;
      arrows++;
      if (!down) wrong++;
      const x1 = a.x + BOX_W / 2, y1 = a.y + BOX_H, x2 = b.x + BOX_W / 2, y2 = b.y;
      // Only whether an arrow exists is drawn, not how many imports it stands for, so the
      // picture changes when the layering does and not with every new import.
      lines.push(`  <line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="${down ? "#8a94a6" : "#d33"}" stroke-opacity="0.55" stroke-width="1.2" marker-end="url(#${down ? "down" : "up"})"><title>${from} → ${to}</title></line>`);
    }
  }
  const boxes = [...at].map(([p, { x, y }]) => {
    const fill = p.startsWith("engine") ? (p === "engine/core" ? "#dfe9f7" : "#eef3fb") : "#f4f1ea";
    return `  <g><rect x="${x}" y="${y}" width="${BOX_W}" height="${BOX_H}" rx="5" fill="${fill}" stroke="#4a5568"/><text x="${x + BOX_W / 2}" y="${y + 19}" text-anchor="middle">${p}</text></g>`;
  });
  const caption = `${at.size} parts, ${arrows} arrows between them, ${wrong} pointing up or sideways. Generated by scripts/layers-figure.ts from the import graph.`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12">`,
    `  <defs>`,
    `    <marker id="down" viewBox="0 0 8 8" refX="8" refY="4" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L8,4 L0,8 z" fill="#8a94a6"/></marker>`,
    `    <marker id="up" viewBox="0 0 8 8" refX="8" refY="4" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L8,4 L0,8 z" fill="#d33"/></marker>`,
    `  </defs>`,
    `  <rect width="100%" height="100%" fill="#fff"/>`,
    `  <text x="${MARGIN}" y="${MARGIN + 4}" fill="#4a5568">${caption}</text>`,
    ...lines,
    ...boxes,
    `</svg>`,
    "",
  ].join("\n");
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const svg = layersSvg();
  writeFileSync(LAYERS_SVG, svg);
  console.log(`wrote ${relative(ROOT, LAYERS_SVG)} (${svg.length} bytes)`);
}
