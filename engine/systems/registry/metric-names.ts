/**
 * A process address as the tail of a metric name: `b3/api` becomes `b3.api`, so per-instance
 * metrics read `calls.instance.b3.api` and fit the expectation grammar's metric names (letters,
 * digits, `_ . : -`), which has no `/`.
 */
export function metricTail(address: string): string {
  return address.replace(/\//g, ".");
}
