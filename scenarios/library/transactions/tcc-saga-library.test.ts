import { describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { simulate } from "../../../engine/index";
import type { Simulation } from "../../../engine/run-options";
import { loadLibraryFile } from "../library-kit";

// What the TCC and Saga scenarios show, measured. Each test names the documented rule it
// reproduces (engine/systems/seata/tcc/README.md: [SEATA-TCC] the TCC mode's docs, [SEATA-FENCE]
// the fence (TCCFenceHandler, Seata 1.5.1), [SEATA-CONF] the server's config.txt, [SEATA-SAGA]
// the saga mode's docs). That every file passes over its seeds is the library test's job.
const dir = fileURLToPath(new URL(".", import.meta.url));
const load = (file: string, sets: string[] = []) => loadLibraryFile(dir, file, sets);
const run = (file: string, sets: string[] = []) => simulate(load(file, sets).scenario, { seed: 1, keepHistory: true });
const check = (sim: Simulation, name: string) => sim.result.checks.find((c) => c.name === name)!;
const records = (sim: Simulation, event: string) => sim.history.filter((h) => h.event === event);
const FENCE = ["services.1.profile=tcc-fence", "services.2.profile=tcc-fence", "services.3.profile=tcc-fence"];

describe("transactions library: Seata TCC", () => {
  it("[SEATA-TCC] tcc-happy-path: all 20 orders commit; each reservation is held from Try to Confirm, 31 ms at most", async () => {
    const sim = await run("tcc-happy-path.yaml");
    expect(records(sim, "txn.outcome").map((h) => h.fields.outcome)).toEqual(Array(20).fill("committed"));
    const held = records(sim, "lock.held").map((h) => Number(h.fields.to) - Number(h.fields.from));
    expect(held).toHaveLength(60);
    expect(Math.max(...held)).toBe(31_000);
    expect(records(sim, "lock.held").every((h) => h.fields.kind === "tcc-reservation")).toBe(true);
  });

  it("[SEATA-FENCE] each bug-zoo run fails only because the fence is off: with useTCCFence and the same fault every check holds", async () => {
    for (const [file, caught] of [
      ["tcc-bug-empty-rollback.yaml", ["tcc-no-empty-rollback", "tcc-reservations-released"]],
      ["tcc-bug-suspension.yaml", ["tcc-no-suspension", "tcc-no-empty-rollback", "tcc-reservations-released"]],
      ["tcc-bug-non-idempotent-confirm.yaml", ["atomic-outcome", "money-conserved", "tcc-idempotent-phase-two", "tcc-reservations-released"]],
    ] as const) {
      const buggy = await run(file);
      expect(buggy.result.checks.filter((c) => c.status === "violated").map((c) => c.name).sort(), file).toEqual([...caught].sort());
      const fenced = await run(file, FENCE);
      expect(fenced.result.checks.map((c) => `${c.name} ${c.status}`), file).toEqual(fenced.result.checks.map((c) => `${c.name} held`));
    }
  });

  it("[SEATA-FENCE] tcc-bug-empty-rollback: the lost Try's branch is cancelled at 3.028 s, after the TM's 1000 ms RPC timeout, unfreezing what was never frozen", async () => {
    const sim = await run("tcc-bug-empty-rollback.yaml");
    const [v] = check(sim, "tcc-no-empty-rollback").violations;
    expect(v.message).toMatch(/^stock\/stock branch \d+ of client#6 .*: Cancel unfroze 1 of stock\/item-1 at 3\.028s that no Try had frozen/);
  });

  it("[SEATA-FENCE] tcc-bug-suspension: the late Try freezes 495 ms after its branch's Cancel, for a global transaction already Rollbacked", async () => {
    const sim = await run("tcc-bug-suspension.yaml");
    const [v] = check(sim, "tcc-no-suspension").violations;
    expect(v.message).toMatch(/Try froze 1 of stock\/item-1 at 4\.523s, after the branch's Cancel at 4\.028s/);
    const rolled = records(sim, "tcc-global").find((h) => h.fields.txn === "client#11" && h.fields.status === "Rollbacked")!;
    expect(rolled.t).toBeLessThan(4_523_000);
  });

  it("[SEATA-CONF] tcc-bug-non-idempotent-confirm: the TC sends Confirm again 31.001 s after the lost answer (transport.rpcTcRequestTimeout 30 s, 1 ms to store CommitRetrying, committingRetryPeriod 1 s), and the naive Confirm debits twice", async () => {
    const sim = await run("tcc-bug-non-idempotent-confirm.yaml");
    const sends = records(sim, "tcc-phase-two-sent").filter((h) => h.fields.txn === "client#16" && h.fields.resource === "payment/payment");
    expect(sends.map((h) => h.fields.attempt)).toEqual([1, 2]);
    expect(sends[1].t - sends[0].t).toBe(31_001_000);
    expect(check(sim, "money-conserved").violations[0].message).toMatch(/10 paid for no order/);
  });

  it("[SEATA-FENCE] tcc-fence-prevents-all-three: two empty rollbacks allowed, one late Try refused, one repeated Confirm answered without running", async () => {
    const sim = await run("tcc-fence-prevents-all-three.yaml");
    const effects = records(sim, "tcc-phase").filter((h) => h.fields.effect !== "applied").map((h) => `${String(h.fields.phase)} ${String(h.fields.effect)} ${String(h.fields.fence)}`);
    expect(effects).toEqual(["cancel skipped suspended", "cancel skipped suspended", "try refused suspended", "confirm skipped committed"]);
  });
});

describe("transactions library: Saga", () => {
  it("[SEATA-SAGA] saga-compensation-retried: compensations run in reverse order; the stock one fails twice and succeeds on the third attempt, 4.004 s after the first", async () => {
    const sim = await run("saga-compensation-retried.yaml");
    const mine = records(sim, "saga-step").filter((h) => h.fields.txn === "client#3").map((h) => `${String(h.fields.kind)} ${String(h.fields.step)} ${String(h.fields.effect)}`);
    expect(mine).toEqual(["forward order applied", "forward stock applied", "forward payment refused", "compensate stock applied", "compensate order applied"]);
    const failed = records(sim, "saga-instance").filter((h) => h.fields.txn === "client#3" && h.fields.status === "compensation-failed");
    expect(failed.map((h) => h.fields.attempt)).toEqual([1, 2]);
    const done = records(sim, "saga-step").find((h) => h.fields.txn === "client#3" && h.fields.kind === "compensate" && h.fields.step === "stock")!;
    expect(done.t - 2_018_000).toBe(4_004_000);
    expect(records(sim, "saga-step").filter((h) => h.fields.effect === "empty").length).toBeGreaterThan(0);
  });

  it("[SEATA-SAGA] saga-dirty-read: two orders are refused for the unit that the first order's compensation puts back at 2.022 s", async () => {
    const sim = await run("saga-dirty-read.yaml");
    const refused = records(sim, "saga-step").filter((h) => h.fields.step === "stock" && h.fields.effect === "refused").map((h) => h.fields.txn);
    expect(refused).toEqual(["client#2", "client#3"]);
    expect(check(sim, "no-dirty-read").violations.map((v) => v.message)).toEqual([
      "stock/stock read stock/item-1 = 0 at 1.51s, written by client#1, which then rolled back at 2.03s",
      "stock/stock read stock/item-1 = 0 at 2.01s, written by client#1, which then rolled back at 2.03s",
    ]);
    expect(records(sim, "txn.outcome").map((h) => `${String(h.fields.txn)} ${String(h.fields.outcome)}`)).toContain("client#4 committed");
  });

  it("[SEATA-SAGA] saga-lost-update-before-image: the before-image erases the other order's reduction; an inverse compensation under the same fault keeps it", async () => {
    const sim = await run("saga-lost-update-before-image.yaml");
    expect(check(sim, "saga-no-lost-update").violations[0].message).toMatch(/set it to 10, but undoing that step alone gives 9: the change\(s\) of client#2 made in between are lost/);
    const fixed = await run("saga-lost-update-before-image.yaml", ["services.1.config.compensation=inverse"]);
    expect(check(fixed, "saga-no-lost-update").status).toBe("held");
    expect(check(fixed, "stock-conserved").status).toBe("held");
    expect(check(fixed, "no-dirty-read").status).toBe("violated");
  });
});
