import { describe, expect, it } from "vitest";
import { readmeSnippets, snippetUnder } from "./readme-snippets";

const md = ["# Title", "```sh", "npm ci", "```", "## From code", "text", "```ts", "const a = 1;", "", "```", "```yaml", "x: 1", "```"].join("\n");

describe("readme snippets", () => {
  it("readme snippets: each fenced block keeps its language, its exact text and the heading above it", () => {
    expect(readmeSnippets(md)).toEqual([
      { lang: "sh", heading: "Title", code: "npm ci\n" },
      { lang: "ts", heading: "From code", code: "const a = 1;\n\n" },
      { lang: "yaml", heading: "From code", code: "x: 1\n" },
    ]);
  });

  it("readme snippets: asking for a block that is missing or ambiguous throws, naming the heading", () => {
    expect(snippetUnder(md, "From code", "ts")).toBe("const a = 1;\n\n");
    expect(() => snippetUnder(md, "Elsewhere", "ts")).toThrow(/under "Elsewhere", found 0/);
  });
});
