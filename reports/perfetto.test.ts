import { describe, expect, it } from "vitest";
import { perfettoTrace } from "./perfetto";
import type { ChromeTraceEvent } from "./perfetto";
import { twoPhaseCommitRun } from "./fixtures/two-phase-commit";
import { syntheticRun } from "./fixtures/synthetic-run";
import { quietRun } from "./fixtures/quiet-run";

interface ChromeTrace { traceEvents: ChromeTraceEvent[]; displayTimeUnit: string; otherData: Record<string, unknown> }

function parse(text: string): ChromeTrace {
  return JSON.parse(text) as ChromeTrace;
}

function meta(t: ChromeTrace, name: string): ChromeTraceEvent[] {
  return t.traceEvents.filter((e) => e.ph === "M" && e.name === name);
}

describe("perfetto trace", () => {
  it("perfetto: parses, with a named process per node and a named thread per process", () => {
    const t = parse(perfettoTrace(twoPhaseCommitRun()));
    const processes = meta(t, "process_name").map((e) => [e.pid, (e.args as { name: string }).name]);
    expect(processes).toEqual([[1, "n1"], [2, "n2"], [3, "n3"], [4, "cluster (network faults and metrics)"]]);
    const threads = meta(t, "thread_name").map((e) => `${e.pid}:${(e.args as { name: string }).name}`).sort();
    expect(threads).toEqual(["1:client", "1:coord", "1:node", "2:node", "2:p1", "3:node", "3:p2"]);
    const tids = meta(t, "thread_name").map((e) => e.tid);
    expect(new Set(tids).size).toBe(tids.length);
    for (const tid of tids) expect(processes.map((p) => p[0])).not.toContain(tid);
  });

  it("perfetto: every flow start has exactly one finish with the same id, one per delivery or drop", () => {
    const t = parse(perfettoTrace(twoPhaseCommitRun()));
    const starts = t.traceEvents.filter((e) => e.ph === "s");
    const finishes = t.traceEvents.filter((e) => e.ph === "f");
    // 10 deliveries (one of them a duplicate) and 3 drops.
    expect(starts).toHaveLength(13);
    expect(finishes.map((e) => e.id).sort()).toEqual(starts.map((e) => e.id).sort());
    expect(new Set(starts.map((e) => e.id)).size).toBe(starts.length);
    for (const s of starts) {
      const f = finishes.find((x) => x.id === s.id)!;
      expect([f.name, f.cat, f.bp]).toEqual([s.name, s.cat, "e"]);
      expect(f.ts!).toBeGreaterThanOrEqual(s.ts!);
    }
    const dropped = finishes.filter((f) => String(f.args?.outcome).startsWith("dropped"));
    expect(dropped.map((f) => f.args?.outcome)).toEqual(["dropped: partition", "dropped: partition", "dropped: loss"]);
  });

  it("perfetto: each flow end attaches to a slice on its thread, and slices never partly overlap", () => {
    const t = parse(perfettoTrace(syntheticRun({ nodes: 5, messages: 3000 })));
    const slices = t.traceEvents.filter((e) => e.ph === "X");
    const byThread = new Map<string, ChromeTraceEvent[]>();
    for (const s of slices) byThread.set(`${s.pid}/${s.tid}`, [...(byThread.get(`${s.pid}/${s.tid}`) ?? []), s]);
    for (const flow of t.traceEvents.filter((e) => e.ph === "s" || e.ph === "f")) {
      const on = byThread.get(`${flow.pid}/${flow.tid}`) ?? [];
      expect(on.some((s) => s.ts! <= flow.ts! && flow.ts! < s.ts! + s.dur!), JSON.stringify(flow)).toBe(true);
    }
    for (const list of byThread.values()) {
      const sorted = [...list].sort((a, b) => a.ts! - b.ts!);
      for (let i = 1; i < sorted.length; i++) {
        const prev = sorted[i - 1], cur = sorted[i];
        const nested = cur.ts! + cur.dur! <= prev.ts! + prev.dur!;
        expect(cur.ts! >= prev.ts! + prev.dur! || nested).toBe(true);
      }
    }
  });

  it("perfetto: faults are global instants, and a crash draws the node down until its restart", () => {
    const t = parse(perfettoTrace(twoPhaseCommitRun()));
    const instants = t.traceEvents.filter((e) => e.ph === "i").map((e) => [e.name, e.s, e.ts]);
    expect(instants).toEqual([
      ["partition {n1,n2} | {n3}", "g", 6000],
      ["crash n2", "g", 206000],
      ["restart n2", "g", 306000],
      ["heal", "g", 406000],
    ]);
    const down = t.traceEvents.find((e) => e.ph === "X" && e.name === "down")!;
    expect([down.pid, down.tid, down.ts, down.dur]).toEqual([2, 20000, 206000, 100000]);
  });

  it("perfetto: counters come from the metrics timeline, in microseconds", () => {
    const t = parse(perfettoTrace(twoPhaseCommitRun()));
    const counters = t.traceEvents.filter((e) => e.ph === "C");
    // Four points of two counters and a gauge, and one histogram interval.
    expect(counters).toHaveLength(13);
    const sent = counters.filter((c) => c.name === "messages.sent").map((c) => [c.ts, c.args?.value]);
    expect(sent).toEqual([[250000, 10], [500000, 10], [750000, 12], [1000000, 12]]);
    expect(counters.find((c) => c.name === "commit.latency")?.args).toEqual({ count: 1, mean: 6700, p99: 6700 });
  });

  it("perfetto: a run without a trace still shows its faults from the result", () => {
    const run = quietRun("q", 1);
    run.result.faults = [{ t: 5000, source: "nemesis", fault: { action: "crash", node: "n4", at: 5000 } }];
    const t = parse(perfettoTrace(run));
    expect(meta(t, "process_name").map((e) => (e.args as { name: string }).name)).toContain("n4");
    expect(t.traceEvents.filter((e) => e.ph === "i").map((e) => e.name)).toEqual(["crash n4"]);
  });

  it("perfetto: a trace beyond maxEvents is cut and the file says so", () => {
    const run = syntheticRun({ nodes: 3, messages: 500 });
    const t = parse(perfettoTrace(run, { maxEvents: 100 }));
    expect(t.otherData.convertedEvents).toBe(100);
    expect(t.otherData.traceEvents).toBe(run.trace!.length);
    expect(t.traceEvents.some((e) => e.name.startsWith("trace cut here"))).toBe(true);
    expect(Math.max(...t.traceEvents.filter((e) => e.ts !== undefined).map((e) => e.ts!))).toBeLessThanOrEqual(run.trace![99].t);
  });
});
