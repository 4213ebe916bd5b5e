import { describe, expect, it } from "vitest";
import { contextOf, type Row } from "../../../../testing/kits/checker-test-kit";
import type { CheckerFactory, PostRunChecker } from "../../../../check/checker";
import { sagaCompensatedInReverse, sagaNoLostUpdate } from "./saga-checks";

const step = (t: number, txn: string, step: string, kind: string, effect: string, before: number, after: number, resource = `${step}/x`): Row =>
  [t, `${step}/${step}`, "saga-step", { txn, step, kind, effect, resource, delta: after - before, before, after, why: null }];
const begin = (t: number, txn: string): Row => [t, "client/business", "txn.begin", { txn, mode: "saga" }];
const end = (t: number, txn: string, outcome: string): Row => [t, "client/business", "txn.outcome", { txn, mode: "saga", outcome, latency: 1 }];
const run = (factory: CheckerFactory, rows: Row[]) => (factory({}) as PostRunChecker).check(contextOf(rows));

describe("saga checkers", () => {
  it("saga-compensated-in-reverse: compensations in reverse order hold; forward order, a missing one, or an unended saga are caught", () => {
    const fwd = [begin(0, "a"), step(1, "a", "order", "forward", "applied", 0, 1), step(2, "a", "stock", "forward", "applied", 5, 4)];
    expect(run(sagaCompensatedInReverse, [...fwd, step(3, "a", "stock", "compensate", "applied", 4, 5), step(4, "a", "order", "compensate", "applied", 1, 0), end(5, "a", "rolled-back")]).violations).toHaveLength(0);
    expect(run(sagaCompensatedInReverse, [...fwd, step(3, "a", "order", "compensate", "applied", 1, 0), step(4, "a", "stock", "compensate", "applied", 4, 5), end(5, "a", "rolled-back")]).violations[0].message).toMatch(/not in reverse order/);
    expect(run(sagaCompensatedInReverse, [...fwd, step(3, "a", "stock", "compensate", "applied", 4, 5), end(5, "a", "rolled-back")]).violations[0].message).toMatch(/never compensated/);
    expect(run(sagaCompensatedInReverse, fwd).violations[0].message).toMatch(/had not ended/);
  });

  it("saga-no-lost-update: a compensation that writes back a before-image over another saga's change is caught; an inverse one is not", () => {
    const rows = [step(1, "a", "stock", "forward", "applied", 10, 9, "stock/i"), step(2, "b", "stock", "forward", "applied", 9, 8, "stock/i")];
    const lost = run(sagaNoLostUpdate, [...rows, step(3, "a", "stock", "compensate", "applied", 8, 10, "stock/i")]);
    expect(lost.violations[0].message).toMatch(/the change\(s\) of b made in between are lost/);
    expect(run(sagaNoLostUpdate, [...rows, step(3, "a", "stock", "compensate", "applied", 8, 9, "stock/i")]).violations).toHaveLength(0);
  });
});
