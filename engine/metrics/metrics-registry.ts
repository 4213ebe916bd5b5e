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
  readonly series: MetricsPoint[] = [];

  constructor(readonly interval: Micros) {}

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
    return point;
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
