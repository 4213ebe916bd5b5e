/** Where two canonical traces part: the first line (1-based) that differs, and both versions. */
export interface TraceDivergence {
  line: number;
  /** The line in the first run, or null when that trace ended first. */
  a: string | null;
  b: string | null;
}

/**
 * Finds the first line where two canonical traces (one JSON object per line) differ, or null
 * when they are equal. The canonical encoding sorts keys, so the first differing line is the
 * first event that happened differently, not an artefact of formatting.
 */
export function firstDifference(a: string, b: string): TraceDivergence | null {
  if (a === b) return null;
  // Walks both texts line by line without splitting them: traces can be hundreds of megabytes.
  // Up to `i` both texts are equal, so one offset serves both.
  let line = 1;
  let i = 0;
  for (;;) {
    const la = lineAt(a, i);
    const lb = lineAt(b, i);
    if (la === null || lb === null || la.text !== lb.text) return { line, a: la?.text ?? null, b: lb?.text ?? null };
    if (la.next !== lb.next) {
      // Same text, but only one of them goes on after it.
      return { line: line + 1, a: lineAt(a, la.next)?.text ?? null, b: lineAt(b, lb.next)?.text ?? null };
    }
    i = la.next;
    line++;
  }
}

/** The line starting at `i` and where the next one starts, or null past the end. */
function lineAt(s: string, i: number): { text: string; next: number } | null {
  if (i >= s.length) return null;
  const end = s.indexOf("\n", i);
  return end < 0 ? { text: s.slice(i), next: s.length + 1 } : { text: s.slice(i, end), next: end + 1 };
}
