import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

// Every word the page's markup shows must come from the message catalogue (messages.ts), so that
// both languages have it: this finds English written straight into a component's markup, as
// text or in the attributes people read (title, aria-label, placeholder, alt).

const SRC = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
/** Words that are the same in both languages. */
const ALLOWED = new Set(["clustersim"]);

function svelteFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? svelteFiles(join(dir, e.name)) : e.name.endsWith(".svelte") ? [join(dir, e.name)] : []));
}

/** The markup with scripts, styles, comments and `{...}` expressions taken out. */
export function markupOnly(source: string): string {
  const s = source.replace(/<script[\s\S]*?<\/script>/g, "").replace(/<style[\s\S]*?<\/style>/g, "").replace(/<!--[\s\S]*?-->/g, "");
  let out = "";
  let depth = 0;
  for (const ch of s) {
    if (ch === "{") depth++;
    else if (ch === "}") depth = Math.max(0, depth - 1);
    else if (depth === 0) out += ch;
  }
  return out;
}

/** English a reader would see: attribute values and text between tags. */
export function englishIn(markup: string): string[] {
  const found: string[] = [];
  for (const m of markup.matchAll(/\b(title|aria-label|placeholder|alt)="([^"]*)"/g)) if (/[A-Za-z]{2,}/.test(m[2])) found.push(`${m[1]}="${m[2]}"`);
  const text = markup.replace(/<[^>]*>/g, "\n");
  for (const line of text.split("\n")) {
    const words = (line.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !ALLOWED.has(w));
    if (words.length > 0) found.push(line.trim());
  }
  return found;
}

describe("no English written into the markup", () => {
  it("finds it when it is there (the check can fail)", () => {
    expect(englishIn(markupOnly('<script>const x = "Play";</script><button title="Go on" aria-label={t("a")}>Play {n}</button><p>{t("b")}</p>'))).toEqual(['title="Go on"', "Play"]);
  });

  it("every component takes its words from the catalogue", () => {
    const offenses: string[] = [];
    for (const file of svelteFiles(SRC)) {
      for (const e of englishIn(markupOnly(readFileSync(file, "utf8")))) offenses.push(`${file.slice(SRC.length + 1)}: ${e}`);
    }
    expect(offenses).toEqual([]);
  });
});
