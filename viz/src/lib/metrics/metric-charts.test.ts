import { describe, expect, it } from "vitest";
import { metricCharts } from "./metric-charts";
import type { MetricsPoint } from "../../../../engine/metrics/metrics-snapshot";

const S = 1_000_000;

describe("metric charts", () => {
  it("charts: counters become per-second rates, split into work and errors; fault bookkeeping is left out", () => {
    const series = [
      { t: 1 * S, counters: { "calls.total": 100, "calls.error": 0, "faults.crash": 0 }, gauges: {}, histograms: {} },
      { t: 2 * S, counters: { "calls.total": 250, "calls.error": 10, "faults.crash": 1 }, gauges: {}, histograms: {} },
      { t: 2.5 * S, counters: { "calls.total": 300, "calls.error": 10, "faults.crash": 1 }, gauges: {}, histograms: {} },
    ];
    const charts = metricCharts(series, []);
    expect(charts.map((c) => c.id)).toEqual(["throughput", "errors"]);
    expect(charts[0].series).toEqual([{ name: "calls.total", t: [1 * S, 2 * S, 2.5 * S], v: [100, 150, 100] }]);
    expect(charts[1].series[0].v).toEqual([0, 10, 0]);
  });

  it("charts: histograms give p99 latency in milliseconds for intervals that had samples", () => {
    const series: MetricsPoint[] = [
      { t: 1 * S, counters: {}, gauges: {}, histograms: { latency: { count: 3, mean: 2000, p99: 12_500 } } },
      { t: 2 * S, counters: {}, gauges: {}, histograms: { latency: { count: 0, mean: 0, p99: 0 } } },
      { t: 3 * S, counters: {}, gauges: { "queue.depth": 4 }, histograms: { latency: { count: 1, mean: 1000, p99: 1000 } } },
    ];
    const charts = metricCharts(series, []);
    expect(charts.find((c) => c.id === "latency")!.series).toEqual([{ name: "latency p99", t: [1 * S, 3 * S], v: [12.5, 1] }]);
    expect(charts.find((c) => c.id === "gauges")!.series).toEqual([{ name: "queue.depth", t: [3 * S], v: [4] }]);
  });

  it("charts: a bare trace's metric events still give throughput; nothing gives no charts", () => {
    const points = [{ t: S, counters: { "calls.total": 10 }, gauges: {} }, { t: 2 * S, counters: { "calls.total": 30 }, gauges: {} }];
    expect(metricCharts(null, points)[0].series[0].v).toEqual([10, 20]);
    expect(metricCharts(null, [])).toEqual([]);
  });
});
