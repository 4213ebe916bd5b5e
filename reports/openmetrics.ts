import type { Micros } from "../engine/core/time";
import type { ReportInput, RunReport } from "./report-input";
import { toRunReports } from "./report-input";
import { DEFAULT_EXPORT_EPOCH, parseEpoch, secondsAt } from "./export-epoch";
import { formatSeed } from "./format";

/** Options of the OpenMetrics export. */
export interface OpenMetricsOptions {
  /** The wall-clock time of virtual time 0, from `parseEpoch` (default 2026-01-01T00:00:00Z). */
  epochMs?: number;
}

/** Every family name starts with this, so the run's metrics never clash with a real exporter's. */
const PREFIX = "clustersim_";

/** Quantiles of the run-wide summaries, from the histogram's summary (within 1 %). */
const QUANTILES = [["0.5", "p50"], ["0.9", "p90"], ["0.95", "p95"], ["0.99", "p99"], ["0.999", "p999"]] as const;

/** One metric family under construction: its header and its samples, run after run. */
interface Family {
  name: string;
  type: "counter" | "gauge" | "summary";
  unit: string | null;
  help: string;
  lines: string[];
}

/** A metric name of ours as an OpenMetrics name: `config.client.applied` → `clustersim_config_client_applied`. */
function metricName(name: string): string {
  const s = name.replace(/[^A-Za-z0-9_]/g, "_");
  return PREFIX + (/^[0-9]/.test(s) ? `_${s}` : s);
}

function escapeLabel(v: string): string {
  return v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

function escapeHelp(v: string): string {
  return v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
}

/** A sample value: whole numbers exactly, others in the shortest form that reads back the same. */
function value(n: number): string {
  if (Number.isNaN(n)) return "NaN";
  if (n === Infinity) return "+Inf";
  if (n === -Infinity) return "-Inf";
  return String(n);
}

/** Histograms hold virtual microseconds (every histogram the systems observe is a duration); exports are in seconds. */
const seconds = (us: number): number => us / 1_000_000;

function labelsOf(report: RunReport, extra: Record<string, string> = {}): string {
  const all: Record<string, string> = { scenario: report.result.scenario, seed: formatSeed(report.result.seed), ...extra };
  return "{" + Object.entries(all).map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(",") + "}";
}

/**
 * The run's metrics in the OpenMetrics 1.0 text format, with a timestamp on every sample, for
 * Prometheus (`promtool tsdb create-blocks-from openmetrics FILE`, which backfills a TSDB that
 * Grafana then reads) or any OpenMetrics reader: a counter family per counter, its timeline as
 * `_total` samples one metrics interval apart; a gauge family per gauge; and per histogram a
 * `summary` in seconds (quantiles 0.5 to 0.999, `_sum`, `_count`) at the end of the run, plus
 * gauges of each interval's mean and p99 (`…_interval_mean_seconds`, `…_interval_p99_seconds`)
 * along the timeline. Timestamps are seconds on the epoch (default 2026-01-01T00:00:00Z).
 * Several runs share the families, told apart by the `scenario` and `seed` labels. The text ends
 * with the mandatory `# EOF`. It is built from the result's metrics snapshot alone, whose
 * timeline is already bounded (adjacent points are merged as a run grows long).
 */
export function openMetrics(input: ReportInput, options: OpenMetricsOptions = {}): string {
  const epochMs = options.epochMs ?? parseEpoch(DEFAULT_EXPORT_EPOCH);
  const families = new Map<string, Family>();
  const family = (name: string, type: Family["type"], unit: string | null, help: string): Family => {
    let f = families.get(name);
    if (f === undefined) {
      f = { name, type, unit, help, lines: [] };
      families.set(name, f);
    }
    return f;
  };
  const ts = (t: Micros) => secondsAt(epochMs, t);

  for (const report of toRunReports(input)) {
    const m = report.result.metrics;
    const end = report.result.stats.virtualTime;
    const lastT = m.series.length > 0 ? m.series[m.series.length - 1].t : -1;
    const labels = labelsOf(report);

    for (const name of Object.keys(m.counters).sort()) {
      const f = family(metricName(name), "counter", null, `Counter ${name} of the simulated cluster (cumulative over the run).`);
      if (f.type !== "counter") continue;
      for (const p of m.series) if (p.counters[name] !== undefined) f.lines.push(`${f.name}_total${labels} ${value(p.counters[name])} ${ts(p.t)}`);
      if (end > lastT) f.lines.push(`${f.name}_total${labels} ${value(m.counters[name])} ${ts(end)}`);
    }
    for (const name of Object.keys(m.gauges).sort()) {
      const f = family(metricName(name), "gauge", null, `Gauge ${name} of the simulated cluster (its last value in each interval).`);
      if (f.type !== "gauge") continue;
      for (const p of m.series) if (p.gauges[name] !== undefined) f.lines.push(`${f.name}${labels} ${value(p.gauges[name])} ${ts(p.t)}`);
      if (end > lastT) f.lines.push(`${f.name}${labels} ${value(m.gauges[name])} ${ts(end)}`);
    }
    for (const name of Object.keys(m.histograms).sort()) {
      const h = m.histograms[name];
      const base = metricName(name);
      const s = family(`${base}_seconds`, "summary", "seconds", `Histogram ${name} of the simulated cluster over the whole run, in seconds.`);
      if (s.type === "summary") {
        for (const [q, key] of QUANTILES) s.lines.push(`${s.name}${labelsOf(report, { quantile: q })} ${value(seconds(h[key]))} ${ts(end)}`);
        s.lines.push(`${s.name}_sum${labels} ${value(seconds(h.sum))} ${ts(end)}`);
        s.lines.push(`${s.name}_count${labels} ${value(h.count)} ${ts(end)}`);
      }
      const mean = family(`${base}_interval_mean_seconds`, "gauge", "seconds", `Mean of ${name} in each metrics interval, in seconds.`);
      const p99 = family(`${base}_interval_p99_seconds`, "gauge", "seconds", `99th percentile of ${name} in each metrics interval, in seconds.`);
      for (const p of m.series) {
        const w = p.histograms[name];
        if (w === undefined) continue;
        if (mean.type === "gauge") mean.lines.push(`${mean.name}${labels} ${value(seconds(w.mean))} ${ts(p.t)}`);
        if (p99.type === "gauge") p99.lines.push(`${p99.name}${labels} ${value(seconds(w.p99))} ${ts(p.t)}`);
      }
    }
  }

  const out: string[] = [];
  for (const f of [...families.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    out.push(`# TYPE ${f.name} ${f.type}`);
    if (f.unit !== null) out.push(`# UNIT ${f.name} ${f.unit}`);
    out.push(`# HELP ${f.name} ${escapeHelp(f.help)}`);
    out.push(...f.lines);
  }
  out.push("# EOF");
  return out.join("\n") + "\n";
}
