import { describe, expect, it } from "vitest";
import { replayChecker } from "../../../../check/replay-checker";
import { SECOND } from "../../../../core/time";
import type { Json } from "../../../../core/json";
import type { CheckContext, HistoryEntry } from "../../../../check/checker";
import type { MetricsSnapshot } from "../../../../metrics/metrics-snapshot";
import { atomicOutcome } from "./atomic-outcome";
import { moneyConserved, stockConserved } from "./conservation";
import { neverNegative } from "./never-negative";
import { noAnomaly } from "./no-anomaly";
import { noDirtyRead } from "./no-dirty-read";

type Row = [number, string, string, Record<string, Json>];

/** Builds a history by hand: each entry `[t, address, event, fields]`. */
function history(...rows: Row[]): HistoryEntry[] {
  return rows.map(([t, address, event, fields], index) => {
    const [node, proc] = address.split("/");
    return { t, index, seq: -1, node, proc, address, event, fields };
  });
}

function ctx(h: HistoryEntry[], params: Record<string, Json> = {}): CheckContext {
  return { scenario: "hand-made", seed: 1, history: h, faults: [], triggers: [], healedAt: 0, endedAt: 20 * SECOND, metrics: {} as MetricsSnapshot, trace: null, params };
}

const init: Row[] = [
  [0, "stock/stock", "business.init", { service: "stock", resource: "stock/item-1", value: 10 }],
  [0, "payment/payment", "business.init", { service: "payment", resource: "account/u1", value: 100 }],
];
const begin = (txn: string): Row => [1, "client/business", "txn.begin", { txn, mode: "at", user: "u1", item: "item-1", quantity: 1, amount: 10 }];
const write = (t: number, resource: string, txn: string | null, before: number, after: number, undo = false): Row =>
  [t, `${resource.startsWith("order") ? "order" : resource.startsWith("stock") ? "stock" : "payment"}/x`, "business.write", { service: "x", resource, txn, before, after, undo }];
const outcome = (t: number, txn: string, o: string): Row => [t, "client/business", "txn.outcome", { txn, mode: "at", outcome: o, latency: 5 }];
const all = (txn: string): Row[] => [write(2, `order/${txn}`, txn, 0, 1), write(3, "stock/item-1", txn, 10, 9), write(4, "account/u1", txn, 100, 90)];
const run = (c: ReturnType<typeof atomicOutcome>, h: Row[], params: Record<string, Json> = {}) => replayChecker(c, ctx(history(...h), params));

describe("business checkers: the shared place-order invariants", () => {
  it("atomic-outcome: holds for a committed transaction with all three effects and a rolled-back one with none", () => {
    const h = [...init, begin("t1"), ...all("t1"), outcome(5, "t1", "committed"),
      begin("t2"), write(6, "order/t2", "t2", 0, 1), write(7, "order/t2", "t2", 1, 0, true), outcome(8, "t2", "rolled-back")];
    const r = run(atomicOutcome({}), h);
    expect(r.violations).toEqual([]);
    expect(r.findings![0].message).toBe("1 committed, 1 rolled back, 0 rollback(s) failed, 0 unknown");
  });

  it("atomic-outcome: a committed transaction missing its payment, a rolled-back one whose stock stayed taken, and a failed rollback are violations", () => {
    const h = [...init, begin("t1"), write(2, "order/t1", "t1", 0, 1), write(3, "stock/item-1", "t1", 10, 9), outcome(5, "t1", "committed"),
      begin("t2"), write(6, "stock/item-1", "t2", 9, 8), outcome(8, "t2", "rolled-back"),
      begin("t3"), write(9, "stock/item-1", "t3", 8, 7), outcome(10, "t3", "rollback-failed")];
    const m = run(atomicOutcome({}), h).violations.map((v) => v.message);
    expect(m).toHaveLength(3);
    expect(m[0]).toMatch(/^t1 committed .* account\/u1 does not hold its effect/);
    expect(m[1]).toMatch(/^t2 rolled back .* stock\/item-1 stays/);
    expect(m[2]).toMatch(/^t3's rollback stopped/);
  });

  it("atomic-outcome: a transaction whose outcome is unknown must still be all or nothing", () => {
    const none = run(atomicOutcome({}), [...init, begin("t1")]);
    expect(none.violations).toEqual([]);
    const half = run(atomicOutcome({}), [...init, begin("t1"), write(2, "order/t1", "t1", 0, 1)]);
    expect(half.violations[0].message).toMatch(/ended unknown, with its effect on order\/t1 but not on stock\/item-1, account\/u1/);
  });

  it("money-conserved and stock-conserved: hold when the rows fell by what the existing orders account for, and name the gap otherwise", () => {
    const ok = [...init, begin("t1"), ...all("t1"), outcome(5, "t1", "committed")];
    expect(run(moneyConserved({}), ok).violations).toEqual([]);
    expect(run(stockConserved({}), ok).violations).toEqual([]);
    const unpaid = [...init, begin("t1"), write(2, "order/t1", "t1", 0, 1), write(3, "stock/item-1", "t1", 10, 9)];
    expect(run(moneyConserved({}), unpaid).violations[0].message).toMatch(/fell by 0, but the 1 order\(s\) at the end cost 10: 10 of orders unpaid/);
    const restocked = [...ok, write(9, "stock/item-1", null, 9, 14)];
    expect(run(stockConserved({}), restocked).violations[0].message).toMatch(/fell by -4, but the 1 order\(s\) at the end hold 1: 5 piece\(s\) more than they explain/);
  });

  it("never-negative: a stock or balance written below zero is a violation; an order row is not judged", () => {
    expect(run(neverNegative({}), [...init, write(2, "stock/item-1", "t1", 0, -1)]).violations).toHaveLength(1);
    expect(run(neverNegative({}), [...init, write(2, "account/u1", "t1", 5, 0), write(3, "order/t1", "t1", 1, 0, true)]).violations).toEqual([]);
  });

  it("no-dirty-read: a read of a value written by a transaction that rolled back is dirty; one of a transaction that committed, or of no transaction, is not", () => {
    const read = (t: number, writer: string | null): Row => [t, "stock/stock", "business.read", { service: "stock", resource: "stock/item-1", txn: null, value: 9, writer }];
    const h = [...init, begin("t1"), begin("t2"), read(3, "t1"), read(4, "t2"), read(5, null), outcome(6, "t1", "rolled-back"), outcome(7, "t2", "committed")];
    const r = run(noDirtyRead({}), h);
    expect(r.violations.map((v) => v.message)).toEqual(["stock/stock read stock/item-1 = 9 at 3us, written by t1, which then rolled back at 6us"]);
    expect(r.findings![0].value).toBe(1);
  });

  it("no-anomaly: every anomaly record is a violation, or only the kinds asked for", () => {
    const h: Row[] = [[5, "stock/stock", "anomaly", { kind: "dirty-write", txn: "t1", resource: "stock/item-1", detail: "current 14" }], [6, "x/y", "anomaly", { kind: "suspension", txn: "t2", resource: "r", detail: "" }]];
    expect(run(noAnomaly({}), h).violations).toHaveLength(2);
    expect(run(noAnomaly({ kinds: ["suspension"] }), h).violations.map((v) => v.message)).toEqual(["x/y reported suspension for t2 on r at 6us"]);
    expect(run(noAnomaly({}), []).violations).toEqual([]);
  });
});
