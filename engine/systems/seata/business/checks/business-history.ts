import type { HistoryEntry } from "../../../../check/checker";
import { BUSINESS_RECORD } from "../business-records";
import type { BusinessOutcome } from "../business-records";
import { resourceOf } from "../place-order";
import type { PlaceOrder } from "../place-order";

/** A transaction as the history shows it: what it was to do, what its client learned, and what it changed. */
export interface TxnView {
  order: PlaceOrder;
  mode: string;
  begin: HistoryEntry;
  outcome: HistoryEntry | null;
  /** Net change per row by this transaction's writes, forward and undo together. */
  effects: Map<string, number>;
  /** The history indices of its writes. */
  writes: number[];
}

/** The business history folded: first values, last values, transactions by id. */
export interface BusinessView {
  initial: Map<string, number>;
  final: Map<string, number>;
  txns: Map<string, TxnView>;
  writes: HistoryEntry[];
  reads: HistoryEntry[];
}

/** Folds the shared business records of a run (business-records.ts). */
export function businessView(history: readonly HistoryEntry[]): BusinessView {
  const v: BusinessView = { initial: new Map(), final: new Map(), txns: new Map(), writes: [], reads: [] };
  for (const h of history) {
    const f = h.fields;
    switch (h.event) {
      case BUSINESS_RECORD.init:
        v.initial.set(String(f.resource), Number(f.value));
        v.final.set(String(f.resource), Number(f.value));
        break;
      case BUSINESS_RECORD.begin: {
        const order: PlaceOrder = { txn: String(f.txn), user: String(f.user), item: String(f.item), quantity: Number(f.quantity), amount: Number(f.amount) };
        v.txns.set(order.txn, { order, mode: String(f.mode), begin: h, outcome: null, effects: new Map(), writes: [] });
        break;
      }
      case BUSINESS_RECORD.outcome: {
        const t = v.txns.get(String(f.txn));
        if (t && !t.outcome) t.outcome = h;
        break;
      }
      case BUSINESS_RECORD.write: {
        const resource = String(f.resource);
        v.writes.push(h);
        v.final.set(resource, Number(f.after));
        if (!v.initial.has(resource)) v.initial.set(resource, Number(f.before));
        const t = f.txn === null ? undefined : v.txns.get(String(f.txn));
        if (t) {
          t.effects.set(resource, (t.effects.get(resource) ?? 0) + Number(f.after) - Number(f.before));
          t.writes.push(h.index);
        }
        break;
      }
      case BUSINESS_RECORD.read:
        v.reads.push(h);
        break;
    }
  }
  return v;
}

/** The outcome a transaction's client learned, or null when it learned none. */
export function outcomeOf(t: TxnView): BusinessOutcome | null {
  return t.outcome ? (String(t.outcome.fields.outcome) as BusinessOutcome) : null;
}

/** The effects a committed place-order transaction must have left: every branch's. */
export function expectedEffects(o: PlaceOrder): Map<string, number> {
  return new Map([[resourceOf.order(o.txn), 1], [resourceOf.stock(o.item), -o.quantity], [resourceOf.account(o.user), -o.amount]]);
}

/** Which of a transaction's three branch effects are present, in full, at the end. */
export function presentEffects(t: TxnView): { present: string[]; absent: string[]; partial: string[] } {
  const out = { present: [] as string[], absent: [] as string[], partial: [] as string[] };
  for (const [resource, want] of expectedEffects(t.order)) {
    const got = t.effects.get(resource) ?? 0;
    (got === want ? out.present : got === 0 ? out.absent : out.partial).push(resource);
  }
  return out;
}
