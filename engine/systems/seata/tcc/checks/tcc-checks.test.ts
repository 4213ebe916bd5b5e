import { describe, expect, it } from "vitest";
import { contextOf, type Row } from "../../../../testing/kits/checker-test-kit";
import type { CheckerFactory, PostRunChecker } from "../../../../check/checker";
import { tccIdempotentPhaseTwo, tccNoEmptyRollback, tccNoSuspension, tccReservationsReleased } from "./tcc-checks";

const phase = (t: number, phase: string, effect: string, frozen: number, branch = 1): Row =>
  [t, "stock/stock", "tcc-phase", { txn: "client#1", xid: "tc:1", branch, service: "stock", resource: "stock/item-1", phase, effect, amount: 1, value: 100, frozen, fence: null, why: null }];
const run = (factory: CheckerFactory, rows: Row[]) => (factory({}) as PostRunChecker).check(contextOf(rows));

describe("tcc checkers", () => {
  it("tcc-no-empty-rollback: a Cancel that unfreezes with no Try before it is caught; one after a Try, or a skipped one, is not", () => {
    expect(run(tccNoEmptyRollback, [phase(1, "cancel", "applied", -1)]).violations).toHaveLength(1);
    expect(run(tccNoEmptyRollback, [phase(1, "try", "applied", 1), phase(2, "cancel", "applied", 0)]).violations).toHaveLength(0);
    const fenced = run(tccNoEmptyRollback, [phase(1, "cancel", "skipped", 0)]);
    expect(fenced.violations).toHaveLength(0);
    expect(fenced.findings![0].value).toBe(1);
  });

  it("tcc-no-suspension: a Try that freezes after its branch's Cancel is caught; a refused one is counted", () => {
    const v = run(tccNoSuspension, [phase(1, "cancel", "applied", -1), phase(2, "try", "applied", 0)]).violations;
    expect(v).toHaveLength(1);
    expect(v[0].message).toMatch(/nothing will Confirm or Cancel it/);
    const fenced = run(tccNoSuspension, [phase(1, "cancel", "skipped", 0), phase(2, "try", "refused", 0)]);
    expect(fenced.violations).toHaveLength(0);
    expect(fenced.findings![0].value).toBe(1);
  });

  it("tcc-idempotent-phase-two: a Confirm applied twice is caught, a Confirm and a Cancel both applied too; a skipped repeat is not", () => {
    const twice = [phase(1, "try", "applied", 1), phase(2, "confirm", "applied", 0), phase(3, "confirm", "applied", -1)];
    expect(run(tccIdempotentPhaseTwo, twice).violations[0].message).toMatch(/Confirm ran 2 times/);
    expect(run(tccIdempotentPhaseTwo, [phase(1, "try", "applied", 1), phase(2, "confirm", "applied", 0), phase(3, "cancel", "applied", -1)]).violations[0].message).toMatch(/both Confirm and Cancel ran/);
    const fenced = run(tccIdempotentPhaseTwo, [phase(1, "try", "applied", 1), phase(2, "confirm", "applied", 0), phase(3, "confirm", "skipped", 0)]);
    expect(fenced.violations).toHaveLength(0);
    expect(fenced.findings![0].value).toBe(1);
  });

  it("tcc-reservations-released: frozen below zero is caught once per row, and so is anything still frozen at the end", () => {
    const below = run(tccReservationsReleased, [phase(1, "cancel", "applied", -1), phase(2, "cancel", "applied", -2, 2)]);
    expect(below.violations).toHaveLength(1);
    expect(run(tccReservationsReleased, [phase(1, "try", "applied", 1)]).violations[0].message).toMatch(/still frozen/);
    expect(run(tccReservationsReleased, [phase(1, "try", "applied", 1), phase(2, "confirm", "applied", 0)]).violations).toHaveLength(0);
  });
});
