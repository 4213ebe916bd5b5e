import type { Runtime } from "../../../node/runtime-api";
import { BUSINESS_RECORD } from "./business-records";
import type { BusinessMode, BusinessOutcome, OutcomeFields } from "./business-records";
import type { PlaceOrderOptions } from "./business-options";
import { drawOrder } from "./place-order";
import type { PlaceOrder } from "./place-order";

/** What a mode's transaction manager says of one transaction once it knows. */
export interface TxnResult {
  outcome: BusinessOutcome;
  reason?: string;
}

/** What the client publishes for the state panel. */
interface ClientPanel {
  mode: BusinessMode;
  started: number;
  committed: number;
  rolledBack: number;
  failed: number;
  open: number;
}

/**
 * The place-order client every mode shares: it starts `count` transactions, one every
 * `interval` from `startAt` (they may overlap), each drawn from its own stream, hands each to
 * the mode's transaction manager (`execute`), and records what it learned in the shared shape
 * (`txn.begin`, `txn.outcome` with the latency) with the metrics `txn.latency` (µs, for
 * p50/p99), `txn.committed`, `txn.rolled-back`, `txn.rollback-failed` and `txn.unknown`.
 * Transaction ids are `<node>#<n>`; the counter is on disk, so a restarted client never
 * reuses one.
 */
export function runPlaceOrders(rt: Runtime, o: PlaceOrderOptions, mode: BusinessMode, execute: (order: PlaceOrder) => Promise<TxnResult>): { start(): void } {
  let next = rt.disk.read<number>("place-order/next") ?? 0;
  const panel = (fn: (s: ClientPanel) => void) => rt.publish<ClientPanel>(fn);
  const one = async (n: number) => {
    const order = drawOrder(rt.random, `${rt.node}#${n}`, o);
    const since = rt.now();
    rt.record(BUSINESS_RECORD.begin, { txn: order.txn, mode, user: order.user, item: order.item, quantity: order.quantity, amount: order.amount });
    rt.metrics.count("txn.started");
    panel((s) => { s.started++; s.open++; });
    let r: TxnResult;
    try {
      r = await execute(order);
    } catch (e) {
      r = { outcome: "unknown", reason: e instanceof Error ? e.message : String(e) };
    }
    const latency = rt.now() - since;
    const fields: OutcomeFields = { txn: order.txn, mode, outcome: r.outcome, latency, ...(r.reason ? { reason: r.reason } : {}) };
    rt.record(BUSINESS_RECORD.outcome, { ...fields });
    rt.metrics.count(`txn.${r.outcome}`);
    rt.metrics.observe("txn.latency", latency);
    panel((s) => {
      s.open--;
      if (r.outcome === "committed") s.committed++;
      else if (r.outcome === "rolled-back") s.rolledBack++;
      else s.failed++;
    });
  };
  const tick = () => {
    if (next >= o.count) return;
    next++;
    rt.disk.write("place-order/next", next);
    rt.disk.sync();
    void one(next);
    if (next < o.count) rt.setTimer(o.interval, tick, "place-order");
  };
  return {
    start() {
      panel((s) => { s.mode = mode; s.started = 0; s.committed = 0; s.rolledBack = 0; s.failed = 0; s.open = 0; });
      if (next >= o.count) return;
      // A restarted client goes on from where it was; the first start waits for startAt.
      const wait = rt.incarnation === 0 ? Math.max(1, o.startAt - rt.now()) : o.interval;
      rt.setTimer(wait, tick, "place-order");
    },
  };
}
