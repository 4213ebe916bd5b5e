import { describe, expect, it } from "vitest";
import { MS, SECOND } from "../../../core/time";
import { simulate } from "../../../index";
import type { HistoryEntry } from "../../../check/checker";
import type { Simulation } from "../../../run-options";
import { seataAtScenario } from "../../../testing/kits/seata-at-test-kit";

// Each test reproduces a rule of ../README.md's sources, named in its title: [SEATA-AT] Seata's
// AT mode page, [SEATA-CONF] Seata's config.txt defaults, [SEATA-ROLLBACK] the TC's rollback.
const S = SECOND;
type Args = Parameters<typeof seataAtScenario>[0];
const run = (a: Args): Promise<Simulation> => simulate(seataAtScenario(a), { recording: "off", keepHistory: true });
const records = (sim: Simulation, event: string, pred: (h: HistoryEntry) => boolean = () => true) => sim.history.filter((h) => h.event === event && pred(h));
const statuses = (sim: Simulation, txn: string) => records(sim, "seata-global", (h) => h.fields.txn === txn);
const failedChecks = (sim: Simulation) => sim.result.checks.filter((c) => !c.passed).map((c) => c.name);

describe("Seata AT: the TC's timers and phase two [SEATA-AT, SEATA-CONF, SEATA-ROLLBACK]", () => {
  it("SEATA-AT phase two of a commit is asynchronous, with SEATA-CONF server.recovery.asynCommittingRetryPeriod 1000 ms: the TC releases the locks and answers Committed at once; the undo logs are deleted at its next pass", async () => {
    for (const period of [1000, 300]) {
      const sim = await run({ duration: 5 * S, server: { "server.recovery.asynCommittingRetryPeriod": period }, business: { count: 5, interval: "200ms" } });
      expect(failedChecks(sim)).toEqual([]);
      for (const o of records(sim, "txn.outcome")) {
        const txn = String(o.fields.txn);
        expect(o.fields.outcome).toBe("committed");
        const [async, done] = statuses(sim, txn);
        expect([async.fields.status, done.fields.status]).toEqual(["AsyncCommitting", "Committed"]);
        const locks = records(sim, "lock.held", (h) => h.fields.txn === txn);
        expect(locks.every((h) => h.t === async.t)).toBe(true);
        expect(o.t).toBeLessThan(async.t + 5 * MS);
        const deleted = records(sim, "at-branch-commit", (h) => h.fields.xid === async.fields.xid);
        expect(deleted).toHaveLength(3);
        // The pass runs every `period` from the TC's start: the deletion waits for the next one.
        for (const d of deleted) {
          expect(d.t).toBeGreaterThan(async.t);
          expect(d.t - async.t).toBeLessThan(period * MS + 10 * MS);
        }
      }
    }
  });

  it("SEATA-CONF client.tm.defaultGlobalTransactionTimeout: a global transaction still running past its timeout is rolled back by the TC (TimeoutRollbacking, then TimeoutRollbacked), found within server.recovery.timeoutRetryPeriod; its late branch cannot register", async () => {
    const sim = await run({
      duration: 8 * S,
      business: { count: 1, "client.tm.defaultGlobalTransactionTimeout": 500, rpcTimeout: 5000 },
      service: { payment: { serviceTime: "2s" } },
    });
    expect(failedChecks(sim)).toEqual([]);
    const begin = records(sim, "txn.begin")[0];
    const s = statuses(sim, String(begin.fields.txn));
    expect(s.map((h) => h.fields.status)).toEqual(["TimeoutRollbacking", "TimeoutRollbacked"]);
    // The TC checks every 1000 ms: the transaction is found between 0.5 s and 1.5 s after it began.
    expect(s[0].t - begin.t).toBeGreaterThan(500 * MS);
    expect(s[0].t - begin.t).toBeLessThan(1500 * MS + 10 * MS);
    // Order and stock were compensated before payment's phase one ended; payment never wrote.
    expect(records(sim, "at-branch-rollback").map((h) => String(h.fields.resource).split("/")[0])).toEqual(["stock", "order"]);
    expect(records(sim, "business.write", (h) => h.address === "payment/payment")).toEqual([]);
    const o = records(sim, "txn.outcome")[0];
    expect(o.fields.outcome).toBe("rolled-back");
    expect(String(o.fields.reason)).toMatch(/^payment: tc:8091:1 is TimeoutRollback(ing|ed): no branch may register/);
    expect(o.t - begin.t).toBeGreaterThan(2 * S);
  });

  it("SEATA-ROLLBACK a branch the TC cannot reach leaves the transaction RollbackRetrying, retried every server.recovery.rollbackingRetryPeriod, its global locks held until the branch is back and has compensated", async () => {
    const sim = await run({
      duration: 10 * S,
      server: { "transport.rpcTcRequestTimeout": 200 },
      business: { count: 1 },
      // The stock service crashes right after its phase one has committed locally, for 3 s.
      triggers: [{ when: { on: "record", type: "business.write", from: "stock/stock" }, do: { action: "crash", node: "stock" }, duration: 3 * S }],
    });
    expect(failedChecks(sim)).toEqual([]);
    const txn = String(records(sim, "txn.begin")[0].fields.txn);
    const crash = sim.result.faults.find((f) => f.fault.action === "crash")!.t;
    const st = statuses(sim, txn);
    expect(st.map((h) => h.fields.status)).toEqual(["Rollbacking", "RollbackRetrying", "Rollbacked"]);
    // The business heard of the rollback at once (the TC goes on alone).
    const o = records(sim, "txn.outcome")[0];
    expect(o.fields.outcome).toBe("rolled-back");
    expect(String(o.fields.reason)).toContain("RollbackRetrying");
    // It ended within one retry period after the stock service came back.
    expect(st[2].t).toBeGreaterThan(crash + 3 * S);
    expect(st[2].t).toBeLessThan(crash + 4 * S + 300 * MS);
    // The stock row's global lock was held from before the crash until its compensation.
    const stockLock = records(sim, "lock.held", (h) => String(h.fields.resource).startsWith("stock/"))[0];
    expect(Number(stockLock.fields.from)).toBeLessThan(crash);
    expect(stockLock.t).toBeGreaterThan(crash + 3 * S);
    // Last registered first: stock is compensated before order, which waited with it.
    expect(records(sim, "at-branch-rollback").map((h) => String(h.fields.resource).split("/")[0])).toEqual(["stock", "order"]);
  });
});
