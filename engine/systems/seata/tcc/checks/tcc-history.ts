import type { HistoryEntry } from "../../../../check/checker";
import { TCC_EVENTS, type TccPhase } from "../tcc-events";

/** One `tcc-phase` record, read. */
export interface PhaseRecord {
  h: HistoryEntry;
  txn: string;
  xid: string;
  branch: number;
  service: string;
  resource: string;
  phase: TccPhase;
  effect: "applied" | "skipped" | "refused";
  amount: number;
  /** The business row's value and what is frozen on it, after the phase. */
  value: number;
  frozen: number;
}

/** The `tcc-phase` records of a history, in order. */
export function phaseRecords(history: readonly HistoryEntry[]): PhaseRecord[] {
  const out: PhaseRecord[] = [];
  for (const h of history) {
    if (h.event !== TCC_EVENTS.phase) continue;
    const f = h.fields;
    out.push({
      h, txn: String(f.txn), xid: String(f.xid), branch: Number(f.branch), service: String(f.service), resource: String(f.resource),
      phase: f.phase as TccPhase, effect: f.effect as PhaseRecord["effect"], amount: Number(f.amount), value: Number(f.value), frozen: Number(f.frozen),
    });
  }
  return out;
}

/** The records of each branch (service address, xid, branch id), in history order. */
export function byBranch(records: readonly PhaseRecord[]): Map<string, PhaseRecord[]> {
  const out = new Map<string, PhaseRecord[]>();
  for (const r of records) {
    const key = `${r.h.address} ${r.xid} ${r.branch}`;
    let list = out.get(key);
    if (!list) out.set(key, (list = []));
    list.push(r);
  }
  return out;
}

/** How a branch is named in a message: `stock/stock branch 5 of client#3 (xid tc:3)`. */
export function branchName(r: PhaseRecord): string {
  return `${r.h.address} branch ${r.branch} of ${r.txn} (xid ${r.xid})`;
}

/** What an amount is in the resource's words: `1 of stock/item-1`, `10 of account/u2`. */
export function what(r: PhaseRecord, n = r.amount): string {
  return `${n} of ${r.resource}`;
}

/** Most violations one check reports. */
export const MAX_VIOLATIONS = 20;
