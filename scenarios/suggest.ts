/**
 * "Did you mean" for misspelled keys, kinds and node names: the closest candidate by edit
 * distance, when it is close enough that the suggestion is likely right rather than noise.
 */

/**
 * Edit distance, case-insensitive: inserts, deletes, substitutions and swaps of two adjacent
 * letters each cost 1 (optimal string alignment), so the common typo `nodse` is one edit away.
 */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  if (s === t) return 0;
  if (s.length === 0) return t.length;
  if (t.length === 0) return s.length;
  let before = new Array<number>(t.length + 1).fill(0);
  let prev = new Array<number>(t.length + 1);
  let cur = new Array<number>(t.length + 1);
  for (let j = 0; j <= t.length; j++) prev[j] = j;
  for (let i = 1; i <= s.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min(prev[j - 1] + cost, prev[j] + 1, cur[j - 1] + 1);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, before[j - 2] + 1);
      cur[j] = d;
    }
    [before, prev, cur] = [prev, cur, before];
  }
  return prev[t.length];
}

/**
 * The candidate closest to `word`, or undefined when none is close: at most a third of the
 * word's length away (at least 1, at most 3 edits), so `duraton` finds `duration` but `x`
 * does not find `name`. Ties go to the earlier candidate, so results are stable.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  // Long inputs would make the quadratic distance slow and are never typos of a short key.
  if (word.length > 64) return undefined;
  const budget = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    if (c === word) continue;
    if (Math.abs(c.length - word.length) > budget) continue;
    const d = editDistance(word, c);
    if (d <= budget && d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** `did you mean "duration"?`, or undefined when nothing is close. */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const c = closest(word, candidates);
  return c === undefined ? undefined : `did you mean "${c}"?`;
}
