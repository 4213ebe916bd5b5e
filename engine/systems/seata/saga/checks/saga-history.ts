import type { HistoryEntry } from "../../../../check/checker";
import { SAGA_EVENTS } from "../saga-messages";

/** One `saga-step` record, read. */
export interface StepRecord {
  h: HistoryEntry;
  txn: string;
  step: string;
  kind: "forward" | "compensate";
  effect: "applied" | "refused" | "skipped" | "empty";
  /** The business row the step touched, and its change. */
  resource: string;
  delta: number;
  before: number;
  after: number;
}

/** The `saga-step` records of a history, in order. */
export function stepRecords(history: readonly HistoryEntry[]): StepRecord[] {
  const out: StepRecord[] = [];
  for (const h of history) {
    if (h.event !== SAGA_EVENTS.step) continue;
    const f = h.fields;
    out.push({
      h, txn: String(f.txn), step: String(f.step), kind: f.kind as StepRecord["kind"], effect: f.effect as StepRecord["effect"],
      resource: String(f.resource), delta: Number(f.delta), before: Number(f.before), after: Number(f.after),
    });
  }
  return out;
}

/** The records of each account (service address and key), in history order. */
export function byAccount(records: readonly StepRecord[]): Map<string, StepRecord[]> {
  const out = new Map<string, StepRecord[]>();
  for (const r of records) {
    const k = `${r.h.address} ${r.resource}`;
    let list = out.get(k);
    if (!list) out.set(k, (list = []));
    list.push(r);
  }
  return out;
}

/** How a row is named in a message: `stock/stock's stock/item-1`. */
export function accountName(r: StepRecord): string {
  return `${r.h.address}'s ${r.resource}`;
}

/** Most violations one check reports. */
export const MAX_VIOLATIONS = 20;
