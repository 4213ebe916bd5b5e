import type { CheckerFactory, CheckOutcome } from "../../../../check/checker";
import { businessView } from "./business-history";
import type { BusinessView } from "./business-history";
import { resourceOf } from "../place-order";

/** The sum of the rows with a prefix, at the start and at the end. */
function sums(v: BusinessView, prefix: string): { initial: number; final: number } {
  let initial = 0, final = 0;
  for (const [r, x] of v.initial) if (r.startsWith(prefix)) initial += x;
  for (const [r, x] of v.final) if (r.startsWith(prefix)) final += x;
  return { initial, final };
}

/** What the orders that exist at the end account for: the amounts paid and the pieces taken. */
function placed(v: BusinessView): { amount: number; quantity: number; orders: number } {
  const out = { amount: 0, quantity: 0, orders: 0 };
  for (const t of v.txns.values()) {
    if ((v.final.get(resourceOf.order(t.order.txn)) ?? 0) !== 1) continue;
    out.orders++;
    out.amount += t.order.amount;
    out.quantity += t.order.quantity;
  }
  return out;
}

/**
 * `money-conserved`: the money that left the accounts is exactly what the orders that exist at
 * the end cost (initial balances = final balances + their amounts): no one paid for an order
 * that is not there, and no order is there unpaid. Judged on the rows at the end of the run.
 */
export const moneyConserved: CheckerFactory = () => ({
  name: "money-conserved",
  description: "The balances' fall equals the amounts of the orders that exist at the end.",
  check(ctx): CheckOutcome {
    const v = businessView(ctx.history);
    const m = sums(v, "account/");
    const p = placed(v);
    const gap = m.initial - m.final - p.amount;
    const violations: CheckOutcome["violations"] = gap === 0 ? [] : [{
      message: `the accounts fell by ${m.initial - m.final}, but the ${p.orders} order(s) at the end cost ${p.amount}: ${gap > 0 ? `${gap} paid for no order` : `${-gap} of orders unpaid`}`,
      t: ctx.endedAt, nodes: [], history: [], events: [],
    }];
    return { violations, findings: [{ message: `${p.orders} order(s) at the end, ${p.amount} paid; the accounts fell by ${m.initial - m.final}`, value: gap }] };
  },
});

/**
 * `stock-conserved`: the stock taken is exactly what the orders that exist at the end hold
 * (initial stock = final stock + their quantities). Judged on the rows at the end of the run.
 */
export const stockConserved: CheckerFactory = () => ({
  name: "stock-conserved",
  description: "The stock's fall equals the quantities of the orders that exist at the end.",
  check(ctx): CheckOutcome {
    const v = businessView(ctx.history);
    const s = sums(v, "stock/");
    const p = placed(v);
    const gap = s.initial - s.final - p.quantity;
    const violations: CheckOutcome["violations"] = gap === 0 ? [] : [{
      message: `the stock fell by ${s.initial - s.final}, but the ${p.orders} order(s) at the end hold ${p.quantity}: ${gap > 0 ? `${gap} piece(s) gone with no order` : `${-gap} piece(s) more than they explain (added outside any order, or ordered and never taken)`}`,
      t: ctx.endedAt, nodes: [], history: [], events: [],
    }];
    return { violations, findings: [{ message: `${p.orders} order(s) at the end hold ${p.quantity}; the stock fell by ${s.initial - s.final}`, value: gap }] };
  },
});
