import { beforeAll, describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import type { SweepItem } from "./work-list";
import type { SuiteResult } from "./sweep";
import { sweep } from "./sweep";
import { openPool } from "./task-pool";
import { lostWriteScenario } from "./fixtures/lost-write";
import { leakyScenario } from "./fixtures/leaky-counter";
import { hangingScenario } from "./fixtures/spinner";

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}.ts`, import.meta.url));
const lostWrite: SweepItem = { file: "lost-write.yaml", scenario: lostWriteScenario(), modules: [fixture("lost-write")] };
const buggy: SweepItem = {
  file: "buggy.yaml",
  scenario: { ...lostWriteScenario({ name: "buggy" }), faults: [{ at: 2_000_000, action: "crash", node: "db", duration: 50_000 }] },
  modules: [fixture("lost-write")],
};
const leaky: SweepItem = { file: "leaky.yaml", scenario: leakyScenario(), modules: [fixture("leaky-counter")] };

describe("sweep in this thread", () => {
  it("sweep: results come in list order, failures are counted, replay names the file", async () => {
    const progress: number[] = [];
    const r = await sweep([lostWrite, buggy], [1, 2], { workers: 0, onProgress: (p) => progress.push(p.done) });
    expect(r.results.map((x) => `${x.scenario}#${x.seed}`)).toEqual(["lost-write#1", "lost-write#2", "buggy#1", "buggy#2"]);
    expect(r.results.map((x) => x.passed)).toEqual([true, true, false, false]);
    expect(r.passed).toBe(false);
    expect(r.results[2].replay).toBe("clustersim replay buggy.yaml --seed 1");
    expect(progress).toEqual([1, 2, 3, 4]);
    expect(r.workers).toBe(0);
  });

  it("sweep: acrossSeeds claims are judged over each scenario's runs, and a refuted one fails the suite", async () => {
    const judged: SweepItem = {
      ...buggy,
      scenario: {
        ...buggy.scenario,
        checks: [{ name: "unique-acks", expect: "any" }],
        acrossSeeds: [
          { kind: "share", condition: { check: "unique-acks", status: "violated" }, op: ">=", share: 0.9, text: "unique-acks violated on >= 90% of seeds" },
          { kind: "share", condition: { check: "unique-acks", status: "held" }, op: ">=", share: 0.6, text: "unique-acks held on >= 60% of seeds" },
        ],
      },
    };
    const r = await sweep([lostWrite, judged], [1, 2, 3], { workers: 0 });
    // Every run passes (the check is judged only across seeds), yet the second claim is refuted.
    expect(r.results.every((x) => x.passed)).toBe(true);
    expect(r.acrossSeeds.map((v) => [v.file, v.successes, v.status, v.passed])).toEqual([
      ["buggy.yaml", 3, "consistent", true], ["buggy.yaml", 0, "refuted", false],
    ]);
    expect(r.passed).toBe(false);
  });

  it("sweep: shards split the work into disjoint parts that cover it", async () => {
    const whole = await sweep([lostWrite, buggy], [1, 2, 3], { workers: 0 });
    const parts: SuiteResult[] = [];
    for (const index of [1, 2]) parts.push(await sweep([lostWrite, buggy], [1, 2, 3], { workers: 0, shard: { index, count: 2 } }));
    expect(parts.map((p) => p.total)).toEqual([6, 6]);
    const hashes = parts.flatMap((p) => p.runs.map((x) => `${x.unit.index}:${x.result!.traceHash}`)).sort();
    expect(hashes).toEqual(whole.runs.map((x) => `${x.unit.index}:${x.result!.traceHash}`).sort());
    expect(parts[0].runs.map((x) => x.unit.index)).toEqual([0, 2, 4]);
  });

  it("sweep: --determinism in one thread catches a process that keeps state between runs", async () => {
    const r = await sweep([leaky, lostWrite], [1, 2], { workers: 0, determinism: true });
    expect(r.mismatches.map((m) => `${m.unit.scenario}#${m.unit.seed}`)).toEqual(["leaky#1", "leaky#2"]);
    const m = r.mismatches[0];
    expect(m.divergence?.line).toBe(2);
    expect(m.divergence?.a).toContain('"count":1');
    expect(m.divergence?.b).toContain('"count":2');
    expect(r.passed).toBe(false);
  });

  it("sweep: a run past its wall-clock limit stops as interrupted and fails", async () => {
    const item: SweepItem = { file: "flood.yaml", scenario: hangingScenario("flooder"), modules: [fixture("spinner")] };
    const r = await sweep([item], [1], { workers: 0, timeoutMs: 200, recording: "off" });
    expect(r.results[0].stopReason).toBe("interrupted");
    expect(r.passed).toBe(false);
  });

  it("sweep: a scenario with a factory function cannot go to worker threads, and says what to do", async () => {
    const inCode: SweepItem = { file: "in-code", scenario: { ...leakyScenario(), processes: [{ node: "n1", name: "p", factory: () => ({}) }] } };
    await expect(sweep([inCode], [1], { workers: 2 })).rejects.toThrow(/in-code: process n1\/p has a factory function.*workers: 0/);
    const r = await sweep([inCode], [1], { workers: 0 });
    expect(r.results[0].passed).toBe(true);
  });

  it("sweep: a module that cannot be imported is an error of that run, not a crash of the sweep", async () => {
    const item: SweepItem = { ...lostWrite, modules: ["/nowhere/missing-module.js"] };
    const r = await sweep([item, lostWrite], [1], { workers: 0 });
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ kind: "invalid", file: "lost-write.yaml", seed: 1 });
    expect(r.results).toHaveLength(1);
  });
});

describe("sweep in worker threads", () => {
  let inThread: SuiteResult;
  let pooled: SuiteResult;
  beforeAll(async () => {
    inThread = await sweep([lostWrite, buggy], [1, 2, 3], { workers: 0 });
    pooled = await sweep([lostWrite, buggy, leaky], [1, 2, 3], { workers: 2, determinism: true });
  }, 120_000);

  it("sweep: the worker pool gives the same trace hashes and digests as runs in this thread", () => {
    const key = (r: SuiteResult) => r.results.filter((x) => x.scenario !== "leaky").map((x) => `${x.scenario}#${x.seed}:${x.traceHash}:${x.digest}:${x.passed}`);
    expect(key(pooled)).toEqual(key(inThread));
    expect(pooled.workers).toBe(2);
  });

  it("sweep: --determinism in two pools catches the leaky process and only it", () => {
    expect(pooled.mismatches.map((m) => `${m.unit.scenario}#${m.unit.seed}`)).toEqual(["leaky#1", "leaky#2", "leaky#3"]);
    for (const m of pooled.mismatches) {
      expect(m.traceHash[0]).not.toBe(m.traceHash[1]);
      expect(m.divergence?.a).toMatch(/"event":"started"/);
      expect(m.message).toMatch(/part at line 2/);
    }
  });

  it("pool: a process stuck in a synchronous loop is killed at the hard limit and reported", async () => {
    const pool = await openPool(1, 300);
    try {
      // A first, normal task makes sure the thread is up, so the limit below hits a running task.
      const warm = await pool.run({ unit: { index: 0, item: 0, file: "lw.yaml", scenario: "lost-write", seed: 1 }, scenario: lostWriteScenario(), modules: [fixture("lost-write")], recording: "off", timeoutMs: 0, replay: "x", keepTrace: false });
      expect(warm.result?.passed).toBe(true);
      const unit = { index: 1, item: 1, file: "spin.yaml", scenario: "spinner", seed: 1 };
      const out = await pool.run({ unit, scenario: hangingScenario("spinner"), modules: [fixture("spinner")], recording: "off", timeoutMs: 100, replay: "x", keepTrace: false });
      expect(out.error).toMatchObject({ kind: "timeout", file: "spin.yaml" });
      expect(out.error?.message).toMatch(/wall-clock limit/);
    } finally {
      await pool.close();
    }
  }, 60_000);
});
