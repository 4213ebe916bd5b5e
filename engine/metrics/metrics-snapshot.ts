import type { Micros } from "../core/time";

/** A histogram's summary. Percentiles are within 1 % (log-linear buckets); the rest are exact. */
export interface HistogramSummary {
  count: number;
  sum: number;
  mean: number;
  min: number;
  max: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  p999: number;
}

/** One point of the metrics timeline: counters are cumulative, gauges are the last value. */
export interface MetricsPoint {
  t: Micros;
  counters: Record<string, number>;
  gauges: Record<string, number>;
  /** Histogram samples in this interval: count and mean and p99 of the interval. */
  histograms: Record<string, { count: number; mean: number; p99: number }>;
}

/** Every metric of a run, with its timeline. */
export interface MetricsSnapshot {
  counters: Record<string, number>;
  gauges: Record<string, number>;
  histograms: Record<string, HistogramSummary>;
  /** The timeline, one point per `interval` of virtual time. */
  interval: Micros;
  series: MetricsPoint[];
}
