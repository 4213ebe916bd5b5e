import type { ScenarioError } from "./errors";

/**
 * Prints an error the way compilers do: the code and message, the place, the source line with
 * a caret under the spot, then the suggestion.
 *
 *     error[CS101]: unknown key "duraton" at the top level; expected one of: ...
 *       --> smoke.yaml:3:1
 *        |
 *      3 | duraton: 10s
 *        | ^^^^^^^
 *        = help: did you mean "duration"?
 *
 * `sourceText` is the text of `e.file`; without it, the error's own excerpt is used (an
 * override's text), and with neither, the source lines are left out.
 */
export function formatError(e: ScenarioError, sourceText?: string): string {
  const out = [`${e.severity}[${e.code}]: ${e.message}`, `  --> ${e.file}:${e.line}:${e.column}`];
  const lineText = sourceText !== undefined ? sourceText.split(/\r?\n/)[e.line - 1] : e.line === 1 ? e.excerpt : undefined;
  if (lineText !== undefined) {
    const gutter = String(e.line).length;
    const pad = " ".repeat(gutter);
    const shown = lineText.replace(/\t/g, " ");
    const start = Math.max(0, Math.min(e.column - 1, shown.length));
    const sameLine = e.endLine === undefined || e.endLine === e.line;
    const end = sameLine && e.endColumn !== undefined ? Math.min(e.endColumn - 1, shown.length) : shown.length;
    const width = Math.max(1, sameLine && e.endColumn !== undefined ? end - start : tokenLength(shown, start));
    out.push(`${pad} |`, `${e.line} | ${shown}`, `${pad} | ${" ".repeat(start)}${"^".repeat(width)}`);
    if (e.suggestion) out.push(`${pad} = help: ${e.suggestion}`);
  } else if (e.suggestion) {
    out.push(`  = help: ${e.suggestion}`);
  }
  return out.join("\n");
}

/** Length of the word at `start`, to underline a key or value when no end is known. */
function tokenLength(line: string, start: number): number {
  const m = /^[^\s:,[\]{}]+/.exec(line.slice(start));
  return m ? m[0].length : 1;
}

/** Several errors, each formatted, separated by blank lines; `sources` maps file names to text. */
export function formatErrors(errors: readonly ScenarioError[], sources: Record<string, string> = {}): string {
  return errors.map((e) => formatError(e, sources[e.file])).join("\n\n");
}
