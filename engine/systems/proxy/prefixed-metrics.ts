import type { Metrics } from "../../node/runtime-api";

/**
 * Metrics under a prefix (`rr.latency`, `rr.calls.total`), so several clients in one scenario can
 * be compared side by side: metrics are aggregated per run by name, and the prefix keeps each
 * client's apart. An empty prefix returns the metrics unchanged.
 */
export function prefixedMetrics(metrics: Metrics, prefix: string): Metrics {
  if (prefix === "") return metrics;
  const p = prefix.endsWith(".") ? prefix : `${prefix}.`;
  return {
    count: (name, by) => metrics.count(p + name, by),
    gauge: (name, value) => metrics.gauge(p + name, value),
    observe: (name, value) => metrics.observe(p + name, value),
  };
}
