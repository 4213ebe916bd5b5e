/** A fenced code block of a markdown file: its language tag, its text, and the heading above it. */
export interface Snippet {
  lang: string;
  heading: string;
  code: string;
}

/**
 * Every fenced code block of a markdown text, with the nearest heading above it, so a test can
 * run exactly what a reader copies ("the first ts block under 'From code'") instead of a copy
 * that drifts from it.
 */
export function readmeSnippets(markdown: string): Snippet[] {
  const out: Snippet[] = [];
  let heading = "";
  let open: { lang: string; lines: string[] } | null = null;
  for (const line of markdown.split("\n")) {
    if (open) {
      if (/^```\s*$/.test(line)) {
        out.push({ lang: open.lang, heading, code: open.lines.join("\n") + "\n" });
        open = null;
      } else {
        open.lines.push(line);
      }
      continue;
    }
    const fence = /^```(\S*)/.exec(line);
    if (fence) open = { lang: fence[1], lines: [] };
    else if (/^#{1,6} /.test(line)) heading = line.replace(/^#+\s*/, "").trim();
  }
  return out;
}

/** The one block of `lang` under `heading`; throws if there is not exactly one, so a README edit that moves it fails loudly. */
export function snippetUnder(markdown: string, heading: string, lang: string): string {
  const found = readmeSnippets(markdown).filter((s) => s.heading === heading && s.lang === lang);
  if (found.length !== 1) throw new Error(`README: expected one \`\`\`${lang} block under "${heading}", found ${found.length}`);
  return found[0].code;
}
