import type { MetricsPoint } from "../../../../engine/metrics/metrics-snapshot";
import type { TraceMetricPoint } from "../trace/trace-bundle";

/** One line of a chart: (time µs, value) points. */
export interface Series {
  name: string;
  t: number[];
  v: number[];
}

/** One chart over the run's time axis. */
export interface ChartSpec {
  id: "throughput" | "errors" | "latency" | "gauges";
  title: string;
  unit: string;
  series: Series[];
}

/** Counters that count failures rather than work. */
const ERRORISH = /error|fail|timeout|reject|drop|unavailable|open/i;
/** Counters the engine keeps about faults, not about the system's work. */
const BOOKKEEPING = /^faults\./;
/** Most lines a chart shows; the busiest win. */
const MAX_SERIES = 6;

function busiest(series: Series[]): Series[] {
  const total = (s: Series) => s.v.reduce((a, b) => a + Math.abs(b), 0);
  return series.filter((s) => s.v.some((x) => x !== 0)).sort((a, b) => total(b) - total(a)).slice(0, MAX_SERIES);
}

/** Per-second rates of the cumulative counters between consecutive points. */
function rates(points: ReadonlyArray<{ t: number; counters: Record<string, number> }>, keep: (name: string) => boolean): Series[] {
  const names = new Set<string>();
  for (const p of points) for (const k of Object.keys(p.counters)) if (keep(k)) names.add(k);
  return [...names].sort().map((name) => {
    const s: Series = { name, t: [], v: [] };
    let prevT = 0, prevV = 0;
    for (const p of points) {
      const v = p.counters[name] ?? prevV;
      const dt = (p.t - prevT) / 1e6;
      if (dt > 0) {
        s.t.push(p.t);
        s.v.push((v - prevV) / dt);
      }
      prevT = p.t;
      prevV = v;
    }
    return s;
  });
}

/**
 * The metric charts of a run: throughput and errors as per-second rates of its counters, p99
 * latency (ms) of each histogram per interval, and the gauges (queue depths, open
 * connections). A run's result has the full timeline; a bare trace only its metric events,
 * which carry counters and gauges but no histograms.
 */
export function metricCharts(series: readonly MetricsPoint[] | null, tracePoints: readonly TraceMetricPoint[]): ChartSpec[] {
  const points = series && series.length > 0 ? series : tracePoints;
  if (points.length === 0) return [];
  const charts: ChartSpec[] = [];
  const work = busiest(rates(points, (k) => !ERRORISH.test(k) && !BOOKKEEPING.test(k)));
  if (work.length) charts.push({ id: "throughput", title: "Throughput", unit: "/s", series: work });
  const errors = busiest(rates(points, (k) => ERRORISH.test(k) && !BOOKKEEPING.test(k)));
  if (errors.length) charts.push({ id: "errors", title: "Errors", unit: "/s", series: errors });
  if (series && series.length > 0) {
    const names = new Set<string>();
    for (const p of series) for (const k of Object.keys(p.histograms ?? {})) names.add(k);
    const lat = [...names].sort().map((name) => {
      const s: Series = { name: `${name} p99`, t: [], v: [] };
      for (const p of series) {
        const h = p.histograms?.[name];
        if (h && h.count > 0) {
          s.t.push(p.t);
          s.v.push(h.p99 / 1000);
        }
      }
      return s;
    });
    const kept = busiest(lat);
    if (kept.length) charts.push({ id: "latency", title: "Latency p99", unit: "ms", series: kept });
  }
  const gaugeNames = new Set<string>();
  for (const p of points) for (const k of Object.keys(p.gauges ?? {})) gaugeNames.add(k);
  const gauges = busiest([...gaugeNames].sort().map((name) => {
    const s: Series = { name, t: [], v: [] };
    for (const p of points) {
      const g = p.gauges?.[name];
      if (g !== undefined) {
        s.t.push(p.t);
        s.v.push(g);
      }
    }
    return s;
  }));
  if (gauges.length) charts.push({ id: "gauges", title: "Gauges", unit: "", series: gauges });
  return charts;
}
