/**
 * A set of sequence numbers kept as sorted, disjoint, non-adjacent ranges [from, to], which is
 * what a collector needs to deduplicate an agent's lines: an agent's numbers are mostly
 * consecutive, so the set stays a handful of ranges however many lines arrive.
 */
export class SeenRanges {
  private ranges: Array<[number, number]>;

  constructor(ranges: Array<[number, number]> = []) {
    this.ranges = ranges.map(([a, b]) => [a, b]);
  }

  /** True when `n` is in the set. */
  has(n: number): boolean {
    let lo = 0, hi = this.ranges.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const [a, b] = this.ranges[mid];
      if (n < a) hi = mid - 1;
      else if (n > b) lo = mid + 1;
      else return true;
    }
    return false;
  }

  /** Adds `n`; false when it was already there. */
  add(n: number): boolean {
    if (this.has(n)) return false;
    // The first range that starts after n.
    let i = 0;
    while (i < this.ranges.length && this.ranges[i][0] <= n) i++;
    const prev = i > 0 ? this.ranges[i - 1] : null;
    const next = i < this.ranges.length ? this.ranges[i] : null;
    const joinsPrev = prev !== null && prev[1] === n - 1;
    const joinsNext = next !== null && next[0] === n + 1;
    if (joinsPrev && joinsNext) {
      prev[1] = next[1];
      this.ranges.splice(i, 1);
    } else if (joinsPrev) prev[1] = n;
    else if (joinsNext) next[0] = n;
    else this.ranges.splice(i, 0, [n, n]);
    return true;
  }

  /** The ranges, for the disk. */
  toJSON(): Array<[number, number]> {
    return this.ranges.map(([a, b]) => [a, b]);
  }
}
