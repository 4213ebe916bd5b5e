/** Event lines as bytes with ranges: what two bundles are compared by. */
export interface LineSource {
  count: number;
  text: Uint8Array;
  lineStart: Uint32Array;
  lineEnd: Uint32Array;
}

/** Where two runs first differ. */
export interface Divergence {
  /** Index of the first event that differs (or that one run has and the other lacks). */
  index: number;
  /** Time of that event in each run (null when the run has no event there). */
  tA: number | null;
  tB: number | null;
}

function sameLine(a: LineSource, b: LineSource, i: number): boolean {
  const a0 = a.lineStart[i], a1 = a.lineEnd[i], b0 = b.lineStart[i], b1 = b.lineEnd[i];
  if (a1 - a0 !== b1 - b0) return false;
  const ta = a.text, tb = b.text;
  for (let k = 0; k < a1 - a0; k++) if (ta[a0 + k] !== tb[b0 + k]) return false;
  return true;
}

/**
 * The first event at which two traces differ, comparing their lines byte for byte, or null when
 * they are the same. Two runs of one scenario and seed share every event up to the first
 * effect of whatever was changed, so this is where a new fault's consequences begin.
 */
export function firstDivergence(a: LineSource, b: LineSource, timeA: ArrayLike<number>, timeB: ArrayLike<number>): Divergence | null {
  const n = Math.min(a.count, b.count);
  let i = 0;
  while (i < n && sameLine(a, b, i)) i++;
  if (i === n && a.count === b.count) return null;
  return { index: i, tA: i < a.count ? timeA[i] : null, tB: i < b.count ? timeB[i] : null };
}
