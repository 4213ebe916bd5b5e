import { beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { openMetrics } from "./openmetrics";
import { parseEpoch } from "./export-epoch";
import { forgetVoteRun } from "./fixtures/forget-vote-run";
import type { RunReport } from "./report-input";

interface Sample { name: string; labels: Record<string, string>; value: number; timestamp: number | null }
interface Family { name: string; type: string; unit: string; help: string; samples: Sample[] }

/**
 * The reference OpenMetrics parser: `prometheus_client.openmetrics.parser` of the Prometheus
 * project's Python client, which the OpenMetrics authors wrote alongside the standard. It is
 * strict where the format is (`# EOF`, `_total` on counters, units as name suffixes, one block
 * per family, timestamps). No maintained npm package parses OpenMetrics; Debian ships this one
 * (`apt-get install python3-prometheus-client`, as .ci/run does), run with Debian's python3.
 */
const PARSE = `
import sys, json
from prometheus_client.openmetrics.parser import text_string_to_metric_families
try:
    out = []
    for f in text_string_to_metric_families(sys.stdin.read()):
        out.append({"name": f.name, "type": f.type, "unit": f.unit, "help": f.documentation,
                    "samples": [{"name": s.name, "labels": s.labels, "value": s.value,
                                 "timestamp": None if s.timestamp is None else float(s.timestamp)} for s in f.samples]})
    print(json.dumps({"families": out}))
except Exception as e:
    print(json.dumps({"error": str(e)}))
`;

function parse(text: string): { families?: Family[]; error?: string } {
  const p = spawnSync("/usr/bin/python3", ["-c", PARSE], { input: text, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (p.error || p.status !== 0) throw new Error(`the OpenMetrics reference parser did not run (${p.error?.message ?? p.stderr}): apt-get install python3-prometheus-client`);
  return JSON.parse(p.stdout) as { families?: Family[]; error?: string };
}

const EPOCH_S = Date.UTC(2026, 0, 1) / 1000;

let run: RunReport;
let text: string;
let families: Family[];
beforeAll(async () => {
  run = await forgetVoteRun();
  text = openMetrics(run);
  const r = parse(text);
  expect(r.error).toBeUndefined();
  families = r.families!;
});
const fam = (name: string) => families.find((f) => f.name === name)!;

describe("openmetrics export", () => {
  it("openmetrics: the reference parser reads a real run's export, a family per metric with its TYPE, UNIT and HELP, ending in # EOF", () => {
    expect(text.endsWith("# EOF\n")).toBe(true);
    const m = run.result.metrics;
    expect(families.filter((f) => f.type === "counter").length).toBe(Object.keys(m.counters).length);
    expect(families.filter((f) => f.type === "summary").length).toBe(Object.keys(m.histograms).length);
    for (const f of families) {
      expect(f.name.startsWith("clustersim_")).toBe(true);
      expect(f.help.length).toBeGreaterThan(10);
      if (f.type === "summary") expect(f.unit).toBe("seconds");
    }
  });

  it("openmetrics: a counter is `_total` samples along the timeline, ascending in time, ending at the run's final value", () => {
    for (const [name, final] of Object.entries(run.result.metrics.counters)) {
      const f = fam(`clustersim_${name.replace(/[^A-Za-z0-9_]/g, "_")}`);
      expect(f.type).toBe("counter");
      expect(f.samples.every((s) => s.name === `${f.name}_total`)).toBe(true);
      const ts = f.samples.map((s) => s.timestamp!);
      expect(ts).toEqual([...ts].sort((a, b) => a - b));
      expect(new Set(ts).size).toBe(ts.length);
      expect(f.samples.at(-1)!.value).toBe(final);
      expect(f.samples.at(-1)!.timestamp).toBeCloseTo(EPOCH_S + run.result.stats.virtualTime / 1e6, 6);
    }
  });

  it("openmetrics: a latency histogram is a summary in seconds: quantiles 0.5 to 0.999, _sum and _count, at the end of the run", () => {
    const [name, h] = Object.entries(run.result.metrics.histograms)[0];
    const f = fam(`clustersim_${name.replace(/[^A-Za-z0-9_]/g, "_")}_seconds`);
    expect(f.samples.filter((s) => s.labels.quantile !== undefined).map((s) => s.labels.quantile)).toEqual(["0.5", "0.9", "0.95", "0.99", "0.999"]);
    expect(f.samples.find((s) => s.labels.quantile === "0.99")!.value).toBeCloseTo(h.p99 / 1e6, 9);
    expect(f.samples.find((s) => s.name.endsWith("_count"))!.value).toBe(h.count);
    expect(f.samples.find((s) => s.name.endsWith("_sum"))!.value).toBeCloseTo(h.sum / 1e6, 9);
  });

  it("openmetrics: the reference parser is strict: it refuses the text without # EOF, and a counter sample without _total", () => {
    expect(parse(text.replace("# EOF\n", "")).error).toMatch(/EOF/);
    const counter = families.find((f) => f.type === "counter")!;
    expect(parse(text.replace(`${counter.name}_total{`, `${counter.name}{`)).error).toBeDefined();
  });

  it("openmetrics: many runs share one block per family, told apart by scenario and seed, each on the epoch", async () => {
    const other = await forgetVoteRun(8);
    const r = parse(openMetrics([run, other], { epochMs: parseEpoch("2026-06-01T00:00:00Z") }));
    expect(r.error).toBeUndefined();
    const f = r.families!.find((x) => x.type === "counter" && new Set(x.samples.map((s) => s.labels.seed)).size === 2)!;
    expect(new Set(f.samples.map((s) => s.labels.seed))).toEqual(new Set(["7", "8"]));
    expect(new Set(r.families!.map((x) => x.name)).size).toBe(r.families!.length);
    expect(f.samples.every((s) => s.labels.scenario === "2pc-forget-vote")).toBe(true);
    expect(Math.min(...f.samples.map((s) => s.timestamp!))).toBeGreaterThanOrEqual(Date.UTC(2026, 5, 1) / 1000);
  });
});
