import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { builtinCheckers, builtinProcesses, simulate } from "../engine/index";
import { MS } from "../engine/core/time";
import type { ComparisonRow } from "../reports/transaction-comparison";
import { loadScenario } from "../scenarios/loader";
import { COMPARISON_MODES, availableModes, comparisonScenarioText } from "../scenarios/compare/index";
import { runCli } from "./fixtures/capture";

interface ComparisonJson { seed: number; fault: string; missing: string[]; rows: ComparisonRow[] }

const compare = async (...flags: string[]) => {
  const r = await runCli(["compare-transactions", ...flags, "--json"]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as ComparisonJson;
};
const byMode = (j: ComparisonJson) => new Map(j.rows.map((r) => [r.mode, r]));

/** The markdown table's cells, by the mode's label. */
function tableCells(md: string): Map<string, string[]> {
  const rows = md.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| mode") && !l.startsWith("|---"));
  return new Map(rows.map((l) => {
    const cells = l.slice(2, -2).split(" | ");
    return [cells[0], cells.slice(1)];
  }));
}

describe("clustersim compare-transactions: one business transaction as every mode, one seed, one fault", () => {
  it("compare-transactions: runs every mode whose kinds this build has, on the same 30 transactions, each accounted for, and names the modes it could not run", async () => {
    const j = await compare("--seed", "3");
    const { run, missing } = availableModes((k) => k in builtinProcesses);
    expect(j.rows.map((r) => r.mode)).toEqual(run.map((m) => m.mode));
    expect(j.missing).toEqual(missing.map((m) => m.label));
    expect(run.map((m) => m.mode)).toEqual(expect.arrayContaining(["2pc", "at"]));
    expect(COMPARISON_MODES.length).toBeGreaterThanOrEqual(2);
    for (const r of j.rows) {
      expect(r.seed).toBe(3);
      const o = r.outcome;
      expect(o.started, r.mode).toBe(30);
      expect(o.committed + o.rolledBack + o.rollbackFailed + o.unknown + o.open).toBe(30);
    }
  }, 120_000);

  it("compare-transactions: each row is what that mode's own run says: its outcome records, its counters, its lock records and its latency histogram", async () => {
    const j = await compare("--seed", "2", "--fault", "partition");
    for (const r of j.rows) {
      const m = COMPARISON_MODES.find((x) => x.mode === r.mode)!;
      const loaded = loadScenario(comparisonScenarioText(m, "partition"), { file: "x.yaml", catalog: builtinProcesses, checkers: builtinCheckers });
      if (!loaded.ok) throw new Error(loaded.errors[0].message);
      const sim = await simulate(loaded.scenario, { seed: 2, keepHistory: true });
      expect(r.traceHash).toBe(sim.result.traceHash);
      const said = sim.history.filter((h) => h.event === "txn.outcome").map((h) => h.fields.outcome);
      expect(r.outcome.committed, r.mode).toBe(said.filter((o) => o === "committed").length);
      expect(r.outcome.committed).toBe(sim.result.metrics.counters["txn.committed"] ?? 0);
      expect(r.outcome.rolledBack).toBe(said.filter((o) => o === "rolled-back").length);
      expect(r.locks.count).toBeGreaterThanOrEqual(sim.history.filter((h) => h.event === "lock.held").length);
      expect(r.latency.p99Us).toBe(sim.result.metrics.histograms["txn.latency"].p99);
    }
  }, 120_000);

  it("compare-transactions: with the payment service crashed mid-transaction, AT's plain reads see uncommitted stock (read uncommitted) and 2PC's never do (applied at COMMIT); AT waits out the RPC timeout, 2PC the vote timeout", async () => {
    const j = byMode(await compare("--seed", "1", "--fault", "crash"));
    const at = j.get("at")!, twoPc = j.get("2pc")!;
    expect(at.anomalies.dirtyReads).toBeGreaterThan(0);
    expect(at.anomalies.checks["no-dirty-read"]).toBeGreaterThan(0);
    expect(twoPc.anomalies.dirtyReads).toBe(0);
    expect(at.locks.kinds).toEqual(["global-lock"]);
    expect(twoPc.locks.kinds).toEqual(["row-lock"]);
    // Seata AT: a branch call to the dead payment service fails after rpcTimeout (1000 ms);
    // 2PC: the coordinator aborts after voteTimeout (500 ms).
    expect(at.latency.p99Us).toBeGreaterThanOrEqual(1000 * MS);
    expect(twoPc.latency.p99Us).toBeGreaterThanOrEqual(500 * MS);
    expect(twoPc.latency.p99Us).toBeLessThan(1000 * MS);
    // Both end atomic, with the money conserved: the fault costs time and locks, not data.
    for (const r of [at, twoPc]) {
      expect(r.anomalies.checks["atomic-outcome"], r.mode).toBeUndefined();
      expect(r.anomalies.checks["money-conserved"], r.mode).toBeUndefined();
      expect(r.locks.heldAtEnd, r.mode).toBe(0);
    }
    const none = byMode(await compare("--seed", "1", "--fault", "none"));
    expect(none.get("at")!.latency.p99Us).toBeLessThan(100 * MS);
    expect(none.get("at")!.locks.maxUs).toBeLessThan(at.locks.maxUs);
    expect(none.get("at")!.outcome.committed).toBeGreaterThan(at.outcome.committed);
  }, 120_000);

  it("compare-transactions: the markdown table holds the JSON's figures row by row, and --report md,json writes both files with the same contents", async () => {
    const dir = mkdtempSync(join(tmpdir(), "compare-"));
    const r = await runCli(["compare-transactions", "--seed", "1", "--report", "md,json", "--out", dir]);
    expect(r.code, r.stderr).toBe(0);
    const md = readFileSync(join(dir, "transaction-comparison.md"), "utf8");
    expect(md).toBe(r.stdout);
    const j = JSON.parse(readFileSync(join(dir, "transaction-comparison.json"), "utf8")) as ComparisonJson;
    const cells = tableCells(md);
    expect(cells.size).toBe(j.rows.length);
    for (const row of j.rows) {
      const c = cells.get(row.label)!;
      expect(c.slice(0, 5).map(Number), row.mode).toEqual([row.outcome.committed, row.outcome.rolledBack, row.outcome.rollbackFailed, row.outcome.unknown, row.outcome.open]);
      expect(c[5]).toBe(`${row.locks.count} (${row.locks.kinds.join(", ") || "none"})`);
      expect(c[8]).toBe(String(row.locks.heldAtEnd));
    }
    expect(md).toContain("seed 1, fault crash");
  }, 120_000);

  it("compare-transactions: the same seed gives the same runs; a bad --fault is CS803 and runs nothing", async () => {
    const a = await compare("--seed", "5", "--fault", "none");
    const b = await compare("--seed", "5", "--fault", "none");
    expect(a.rows.map((r) => r.traceHash)).toEqual(b.rows.map((r) => r.traceHash));
    const bad = await runCli(["compare-transactions", "--fault", "meteor"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("CS803");
    expect(bad.stderr).toContain("none, crash, partition");
  }, 120_000);
});
