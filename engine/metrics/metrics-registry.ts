import type { Micros } from "../core/time";
import type { Metrics } from "../node/runtime-api";
import type { MetricsPoint, MetricsSnapshot } from "./metrics-snapshot";
import { Histogram } from "./histogram";

/**
 * Every metric of one run, by name, with a timeline sampled every `interval` of virtual time.
 * Processes see it through the `Metrics` interface; the kernel samples it.
 */
export class MetricsRegistry implements Metrics {
  readonly counters = new Map<string, number>();
  readonly gauges = new Map<string, number>();
  readonly histograms = new Map<string, Histogram>();
  private readonly window = new Map<string, Histogram>();
  series: MetricsPoint[] = [];
  /** The timeline's interval: it doubles whenever the timeline reaches `maxPoints`. */
  interval: Micros;

  /**
   * @param interval the first sampling interval of the timeline
   * @param maxPoints the timeline's bound: a long run coarsens its timeline instead of growing it
   */
  constructor(interval: Micros, readonly maxPoints = 1000) {
    this.interval = interval;
  }

  count(name: string, by = 1): void {
    this.counters.set(name, (this.counters.get(name) ?? 0) + by);
  }

  gauge(name: string, value: number): void {
    this.gauges.set(name, value);
  }

  observe(name: string, value: number): void {
    let h = this.histograms.get(name);
    if (h === undefined) {
      h = new Histogram();
      this.histograms.set(name, h);
      this.window.set(name, new Histogram());
    }
    h.record(value);
    this.window.get(name)!.record(value);
  }

  /** Appends a point of the timeline at `t` and starts a new window for histograms. */
  sample(t: Micros): MetricsPoint {
    const histograms: MetricsPoint["histograms"] = {};
    for (const [name, h] of sorted(this.window)) {
      if (h.count > 0) histograms[name] = { count: h.count, mean: h.sum / h.count, p99: h.quantile(0.99) };
      h.reset();
    }
    const point: MetricsPoint = {
      t,
      counters: Object.fromEntries(sorted(this.counters)),
      gauges: Object.fromEntries(sorted(this.gauges)),
      histograms,
    };
    this.series.push(point);
    if (this.series.length >= this.maxPoints) this.coarsen();
    return point;
  }

  /**
   * Halves the timeline: keeps every second point (counters are cumulative and gauges are last
   * values, so they stay exact) and merges each pair of histogram windows (counts and means
   * exact, p99 the larger of the two, an upper bound).
   */
  private coarsen(): void {
    const old = this.series;
    const next: MetricsPoint[] = [];
    for (let i = 1; i < old.length; i += 2) {
      const a = old[i - 1], b = old[i];
      const histograms: MetricsPoint["histograms"] = {};
      for (const name of new Set([...Object.keys(a.histograms), ...Object.keys(b.histograms)])) {
        const x = a.histograms[name], y = b.histograms[name];
        if (!x || !y) { histograms[name] = (x ?? y)!; continue; }
        const count = x.count + y.count;
        histograms[name] = { count, mean: (x.mean * x.count + y.mean * y.count) / count, p99: Math.max(x.p99, y.p99) };
      }
      next.push({ ...b, histograms });
    }
    if (old.length % 2 === 1) next.push(old[old.length - 1]);
    this.series = next;
    this.interval *= 2;
  }

  snapshot(): MetricsSnapshot {
    const histograms: MetricsSnapshot["histograms"] = {};
    for (const [name, h] of sorted(this.histograms)) histograms[name] = h.summary();
    return {
      counters: Object.fromEntries(sorted(this.counters)),
      gauges: Object.fromEntries(sorted(this.gauges)),
      histograms,
      interval: this.interval,
      series: this.series,
    };
  }
}

function sorted<V>(m: Map<string, V>): Array<[string, V]> {
  return [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}
