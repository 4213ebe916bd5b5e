/**
 * Zeller's delta debugging (ddmin): the smallest subset it can find of `items` for which
 * `fails` still returns true, assuming it does for all of them. It tests complements and
 * subsets at growing granularity, so a failure that needs one or two of twenty items costs a few
 * dozen tests, not a million. `fails` is memoised by subset, and `budget()` false stops the
 * search early with the best subset found so far.
 */
export async function ddmin<T>(
  items: readonly T[],
  fails: (subset: readonly T[]) => Promise<boolean>,
  budget: () => boolean = () => true,
): Promise<T[]> {
  const seen = new Map<string, boolean>();
  const test = async (indices: readonly number[]): Promise<boolean> => {
    const key = indices.join(",");
    const known = seen.get(key);
    if (known !== undefined) return known;
    if (!budget()) return false;
    const r = await fails(indices.map((i) => items[i]));
    seen.set(key, r);
    return r;
  };
  let current = items.map((_, i) => i);
  if (current.length === 0) return [];
  // A failure that needs no item at all is common (a bug without faults) and costs one test.
  if (await test([])) return [];
  let n = 2;
  while (current.length >= 2 && budget()) {
    const chunks = split(current, Math.min(n, current.length));
    let reduced = false;
    for (const chunk of chunks) {
      if (await test(chunk)) {
        current = chunk;
        n = 2;
        reduced = true;
        break;
      }
    }
    if (!reduced && chunks.length > 2) {
      for (const chunk of chunks) {
        const complement = current.filter((i) => !chunk.includes(i));
        if (await test(complement)) {
          current = complement;
          n = Math.max(n - 1, 2);
          reduced = true;
          break;
        }
      }
    }
    if (!reduced) {
      if (n >= current.length) break;
      n = Math.min(current.length, n * 2);
    }
  }
  return current.map((i) => items[i]);
}

/** Splits `list` into `n` nearly equal contiguous chunks, keeping order. */
function split(list: readonly number[], n: number): number[][] {
  const out: number[][] = [];
  let start = 0;
  for (let i = 0; i < n; i++) {
    const end = start + Math.floor((list.length - start) / (n - i));
    out.push(list.slice(start, end));
    start = end;
  }
  return out;
}
