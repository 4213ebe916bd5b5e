/** Sorted numbers the searches accept: a column of event or arrow times. */
type Sorted = ArrayLike<number>;

/** The first index whose value is greater than `x` (the values sorted ascending). */
export function upperBound(values: Sorted, x: number, lo = 0, hi = values.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index whose value is at least `x`. */
export function lowerBound(values: Sorted, x: number, lo = 0, hi = values.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The index of the last event at or before time `t`, or -1 when none is. */
export function lastEventAt(times: Sorted, t: number): number {
  return upperBound(times, t) - 1;
}

/**
 * The range of arrows that may cross the window [t0, t1]: arrows are sorted by send time and
 * none lasts longer than `maxSpan`, so no arrow sent before `t0 - maxSpan` can reach the window.
 */
export function arrowRange(sendT: Sorted, maxSpan: number, t0: number, t1: number): [number, number] {
  return [lowerBound(sendT, t0 - maxSpan), upperBound(sendT, t1)];
}
