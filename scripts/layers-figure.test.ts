import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { LAYERS_SVG, layersSvg, partGraph, rows } from "./layers-figure";

it("layers figure: docs/layers.svg is what scripts/layers-figure.ts draws from the import graph (run `npx tsx scripts/layers-figure.ts`)", () => {
  expect(readFileSync(LAYERS_SVG, "utf8")).toBe(layersSvg());
});

it("layers figure: the ground floor is engine/core and the command line is the top floor", () => {
  const row = rows(partGraph());
  expect(row.get("engine/core")).toBe(0);
  expect(Math.max(...row.values())).toBe(row.get("cli"));
});
