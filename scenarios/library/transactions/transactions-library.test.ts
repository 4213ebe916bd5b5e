import { describe, expect, it } from "vitest";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { simulate } from "../../../engine/index";
import { MS, SECOND } from "../../../engine/core/time";
import type { HistoryEntry } from "../../../engine/check/checker";
import type { Simulation } from "../../../engine/run-options";
import { expectEverySeedPasses, loadLibraryFile } from "../library-kit";

// The global transactions' library (Seata AT, TCC, Saga, and the four-way comparison's modes).
// Each test names the documented rule it shows, with its source in
// engine/systems/seata/README.md: [SEATA-AT] Seata's AT mode page, [SEATA-CONF] Seata's
// config.txt defaults, [SEATA-UNDO] Seata's AbstractUndoExecutor (dirty-write check),
// [SEATA-ROLLBACK] Seata's DefaultCore/SessionHelper (what the TC does with a failed rollback).
const dir = fileURLToPath(new URL(".", import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort();

const load = (file: string, sets: string[] = []) => loadLibraryFile(dir, file, sets);
const run = (file: string, seed: number, sets: string[] = []) => simulate(load(file, sets).scenario, { seed, keepHistory: true });
const check = (sim: Simulation, name: string) => sim.result.checks.find((c) => c.name === name)!;
const records = (sim: Simulation, event: string, pred: (h: HistoryEntry) => boolean = () => true) => sim.history.filter((h) => h.event === event && pred(h));
const outcomes = (sim: Simulation) => new Map(records(sim, "txn.outcome").map((h) => [String(h.fields.txn), h]));

describe("transactions library: every scenario loads and passes over its seeds", () => {
  it("transactions library: the scenarios are there", () => {
    expect(files).toEqual([
      "saga-compensation-retried.yaml", "saga-dirty-read.yaml", "saga-lost-update-before-image.yaml",
      "seata-at-dirty-read.yaml", "seata-at-dirty-write-rollback.yaml", "seata-at-happy-path-rollback.yaml", "seata-at-rollback-retrying.yaml", "seata-at-select-for-update.yaml",
      "tcc-bug-empty-rollback.yaml", "tcc-bug-non-idempotent-confirm.yaml", "tcc-bug-suspension.yaml", "tcc-fence-prevents-all-three.yaml", "tcc-happy-path.yaml",
    ]);
  });

  for (const file of files) {
    it(`transactions library: ${file} passes for each of its seeds, with a description, a topic and narration that is shown`, async () => {
      const r = load(file);
      expect(r.scenario.description!.length).toBeGreaterThan(400);
      expect(r.scenario.tags?.topic).toBe("transactions");
      expect(r.scenario.narration!.length).toBeGreaterThanOrEqual(3);
      expect(r.seeds).toEqual([1, 2, 3]);
      await expectEverySeedPasses(file, r);
    }, 180_000);
  }
});

describe("transactions library: what the Seata AT scenarios show, measured", () => {
  it("SEATA-AT phase two: a commit releases the global locks at the TC before the business hears Committed; a rollback writes every before-image back, last branch first, and releases each row's lock after its compensation", async () => {
    for (const seed of [1, 2, 3]) {
      const sim = await run("seata-at-happy-path-rollback.yaml", seed);
      const outcome = outcomes(sim);
      const held = records(sim, "lock.held");
      for (const [txn, o] of outcome) {
        const mine = held.filter((h) => h.fields.txn === txn);
        if (o.fields.outcome === "committed") {
          expect(mine.length, `${txn} seed ${seed}`).toBe(3);
          expect(mine.every((h) => h.t <= o.t)).toBe(true);
          continue;
        }
        // Refused at payment: two rows were locked and written (or one, on a lock conflict at stock).
        const undone = records(sim, "at-branch-rollback", (h) => h.fields.txn === txn);
        expect(undone.every((h) => h.fields.status === "PhaseTwo_Rollbacked")).toBe(true);
        expect(undone.map((h) => String(h.fields.resource).split("/")[0])).toEqual(undone.length === 2 ? ["stock", "order"] : ["order"]);
        for (const u of undone) expect(mine.find((h) => h.fields.resource === u.fields.resource)!.t).toBeGreaterThanOrEqual(u.t);
      }
      expect(check(sim, "atomic-outcome").findings![0].message).toBe("15 committed, 25 rolled back, 0 rollback(s) failed, 0 unknown");
    }
  }, 180_000);

  it("SEATA-AT write isolation with SEATA-CONF client.rm.lock.retryInterval 10 ms: a branch whose row another global transaction holds retries BranchRegister; with retryPolicyBranchRollbackOnConflict it gives up at once when the holder is rolling back", async () => {
    let waited = 0, gaveUp = 0;
    for (const seed of [1, 2, 3]) {
      const sim = await run("seata-at-happy-path-rollback.yaml", seed);
      for (const o of outcomes(sim).values()) if (String(o.fields.reason ?? "").includes("Global lock wait timeout")) gaveUp++;
      // A branch that waited for a lock registers after the holder's release of that row.
      const held = records(sim, "lock.held");
      for (const a of records(sim, "lock.acquired")) {
        if (held.some((h) => h.fields.resource === a.fields.resource && h.fields.txn !== a.fields.txn && Number(h.fields.from) < a.t && h.t <= a.t && a.t - h.t < 12 * MS)) waited++;
      }
    }
    expect(waited).toBeGreaterThan(0);
    expect(gaveUp).toBeGreaterThan(0);
  }, 180_000);

  it("SEATA-AT read isolation: the default global isolation is read uncommitted: a plain SELECT reads the stock of orders whose phase one committed locally and that then rolled back", async () => {
    for (const seed of [1, 2, 3]) {
      const sim = await run("seata-at-dirty-read.yaml", seed);
      const outcome = outcomes(sim);
      const dirty = records(sim, "business.read", (h) => h.fields.writer !== null && outcome.get(String(h.fields.writer))?.fields.outcome === "rolled-back");
      expect(dirty.length, `seed ${seed}`).toBeGreaterThan(20);
      expect(check(sim, "no-dirty-read").findings![0].value).toBe(dirty.length);
      // Each dirty read lies between the writer's phase-one write at stock and its compensation.
      for (const r of dirty) {
        const w = records(sim, "business.write", (h) => h.fields.txn === r.fields.writer && h.fields.resource === "stock/item-1");
        expect(w.map((h) => h.fields.undo)).toEqual([false, true]);
        expect(r.t).toBeGreaterThanOrEqual(w[0].t);
        expect(r.t).toBeLessThanOrEqual(w[1].t);
      }
    }
  }, 180_000);

  it("SEATA-AT read isolation: SELECT ... FOR UPDATE checks the global lock and waits while an undecided global transaction holds the row: no dirty read, and reads take longer", async () => {
    for (const seed of [1, 2, 3]) {
      const plain = await run("seata-at-dirty-read.yaml", seed);
      const forUpdate = await run("seata-at-select-for-update.yaml", seed);
      expect(check(forUpdate, "no-dirty-read").findings![0].value, `seed ${seed}`).toBe(0);
      expect(check(forUpdate, "no-dirty-read").status).toBe("held");
      // The waiting shows in the reads' latency: a plain SELECT is a round trip; FOR UPDATE
      // waits out the lock's holder, a phase one's stock write to its phase two.
      const latency = (sim: Simulation) => sim.result.metrics.histograms["at.read.latency"];
      expect(latency(plain).max).toBeLessThan(10 * MS);
      expect(latency(forUpdate).max).toBeGreaterThan(40 * MS);
      expect(latency(forUpdate).mean).toBeGreaterThan(2 * latency(plain).mean);
      // No FOR UPDATE read ever saw a value while its writer held the row's global lock.
      const held = records(forUpdate, "lock.held", (h) => h.fields.resource === "stock/item-1");
      for (const r of records(forUpdate, "business.read")) {
        expect(held.some((h) => Number(h.fields.from) < r.t && h.t > r.t)).toBe(false);
      }
    }
  }, 180_000);

  it("SEATA-UNDO client.undo.dataValidation: a rollback that finds the row matching neither the after-image nor the before-image stops (PhaseTwo_RollbackFailed_Unretryable) and SEATA-ROLLBACK the TC ends the transaction RollbackFailed without compensating its other branches", async () => {
    for (const seed of [1, 2, 3]) {
      const sim = await run("seata-at-dirty-write-rollback.yaml", seed);
      const failed = [...outcomes(sim).values()].filter((o) => o.fields.outcome === "rollback-failed");
      expect(failed.length, `seed ${seed}`).toBeGreaterThanOrEqual(15);
      for (const o of failed) {
        const txn = String(o.fields.txn);
        const anomaly = records(sim, "anomaly", (h) => h.fields.txn === txn);
        expect(anomaly.map((h) => [h.fields.kind, h.fields.resource])).toEqual([["dirty-write", "stock/item-1"]]);
        expect(records(sim, "seata-global", (h) => h.fields.txn === txn).map((h) => h.fields.status)).toEqual(["Rollbacking", "RollbackFailed"]);
        // The order row was never compensated: the TC stopped at the stock branch.
        expect(records(sim, "business.write", (h) => h.fields.txn === txn && h.fields.undo === true)).toEqual([]);
        // The locks were released when the session ended, so later orders could go on.
        expect(records(sim, "lock.held", (h) => h.fields.txn === txn).length).toBe(2);
      }
      // Without the validation the rollback writes the before-image over the restock: no
      // anomaly is reported, and the restocked pieces vanish instead.
      const withoutValidation = await run("seata-at-dirty-write-rollback.yaml", seed, ["services.2.config={ users: 3, initialBalance: 30, client.undo.dataValidation: false }"]);
      expect(records(withoutValidation, "anomaly")).toEqual([]);
      expect(check(withoutValidation, "atomic-outcome").status).toBe("violated");
    }
  }, 180_000);

  it("SEATA-ROLLBACK with SEATA-CONF server.recovery.rollbackingRetryPeriod 1000 ms: the order whose stock branch crashed stays RollbackRetrying, its global locks held, until the stock service is back; the orders meanwhile fail, the later ones commit", async () => {
    for (const seed of [1, 2, 3]) {
      const sim = await run("seata-at-rollback-retrying.yaml", seed);
      const crash = sim.result.faults.find((f) => f.fault.action === "crash")!.t;
      const stuck = records(sim, "business.write", (h) => h.address === "stock/stock" && h.fields.undo === false)[4];
      const txn = String(stuck.fields.txn);
      expect(stuck.t, `seed ${seed}`).toBe(crash);
      const st = records(sim, "seata-global", (h) => h.fields.txn === txn);
      expect(st.map((h) => h.fields.status)).toEqual(["Rollbacking", "RollbackRetrying", "Rollbacked"]);
      const done = st[2].t;
      expect(done).toBeGreaterThan(crash + 3 * SECOND);
      expect(done).toBeLessThan(crash + 4.2 * SECOND);
      const held = records(sim, "lock.held", (h) => h.fields.txn === txn);
      expect(held.map((h) => h.fields.resource).sort()).toEqual([`order/${txn}`, "stock/item-1"]);
      expect(held.every((h) => h.t - Number(h.fields.from) > 3 * SECOND)).toBe(true);
      const outcome = outcomes(sim);
      const between = [...outcome.values()].filter((o) => o.t > crash + 1.1 * SECOND && o.t < done);
      expect(between.length).toBeGreaterThan(10);
      expect(between.every((o) => o.fields.outcome === "rolled-back")).toBe(true);
      expect([...outcome.values()].filter((o) => o.t > done && o.fields.outcome === "committed").length).toBeGreaterThan(5);
    }
  }, 180_000);
});
