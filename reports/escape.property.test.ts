/// <reference types="vite/client" />
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { validateXML } from "xmllint-wasm";
import junitXsd from "./schema/junit.xsd?raw";
import { escapeHtml, escapeXmlAttr } from "./escape-markup";
import { mermaidText } from "./mermaid-sequence";
import { stableStringify } from "./json";
import { verdictTable } from "./markdown";
import { junitSuite } from "./junit";
import { twoPhaseCommitRun } from "./fixtures/two-phase-commit";

/** Any text, including control characters, lone surrogates and markup. */
const anyText = fc.string({ unit: "binary", maxLength: 80 });

/** Unescaped pipes in a markdown table row: the cell separators. */
function cells(row: string): number {
  return (row.match(/(?<!\\)\|/g) ?? []).length;
}

describe("escaping properties", () => {
  it("xml attribute: never holds a raw quote, angle bracket, bare ampersand or forbidden character", () => {
    fc.assert(fc.property(anyText, (s) => {
      const out = escapeXmlAttr(s);
      expect(out).not.toMatch(/["<>\n\r\t]|&(?!(amp|lt|gt|quot|apos|#9|#10|#13);)/);
      // eslint-disable-next-line no-control-regex
      expect(out).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
    }));
  });

  it("html: never holds a raw angle bracket or quote", () => {
    fc.assert(fc.property(anyText, (s) => {
      expect(escapeHtml(s)).not.toMatch(/[<>"']/);
    }));
  });

  it("mermaid text: one line, with #, ; and % only inside entity codes and no backtick", () => {
    fc.assert(fc.property(anyText, (s) => {
      const out = mermaidText(s);
      expect(out).not.toMatch(/[\n\r`<>&]/);
      expect(out.replace(/#\d+;/g, "")).not.toMatch(/[#;%]/);
    }));
  });

  it("json: any JSON value round-trips, and key order does not change the bytes", () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => {
      const text = stableStringify(v);
      expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(v)));
      const reordered = JSON.parse(JSON.stringify(v), (_k, x: unknown) =>
        x !== null && typeof x === "object" && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).reverse()) : x);
      expect(stableStringify(reordered)).toBe(text);
    }));
  });

  it("markdown: any check name or violation message keeps every table row at six cell separators", () => {
    fc.assert(fc.property(anyText, anyText, (name, message) => {
      const { result } = twoPhaseCommitRun();
      result.checks[0].name = name;
      result.checks[0].violations[0].message = message;
      const rows = verdictTable(result).split("\n");
      expect(rows).toHaveLength(2 + result.checks.length + result.expectations.length);
      for (const row of rows) expect(cells(row)).toBe(6);
    }));
  });

  it("junit: any scenario name and violation message still validates against the schema", async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.tuple(anyText, anyText), { minLength: 1, maxLength: 5 }), async (pairs) => {
      const results = pairs.map(([scenario, message], i) => {
        const { result } = twoPhaseCommitRun();
        result.scenario = scenario;
        result.seed = i;
        result.checks[0].violations[0].message = message;
        return result;
      });
      const r = await validateXML({ xml: [{ fileName: "junit.xml", contents: junitSuite(results) }], schema: [junitXsd] });
      expect(r.errors.map((e) => e.message)).toEqual([]);
    }), { numRuns: 8 });
  });
});
