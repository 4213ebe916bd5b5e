import type { HistoryEntry } from "../../../../check/checker";
import { TCC_EVENTS, type TccPhase } from "../tcc-events";

/** One `tcc-phase` record, read. */
export interface PhaseRecord {
  h: HistoryEntry;
  txn: string;
  branch: number;
  action: string;
  phase: TccPhase;
  effect: "applied" | "skipped" | "refused";
  n: number;
  free: number;
  frozen: number;
  done: number;
}

/** The `tcc-phase` records of a history, in order. */
export function phaseRecords(history: readonly HistoryEntry[]): PhaseRecord[] {
  const out: PhaseRecord[] = [];
  for (const h of history) {
    if (h.event !== TCC_EVENTS.phase) continue;
    const f = h.fields;
    out.push({
      h, txn: String(f.txn), branch: Number(f.branch), action: String(f.action), phase: f.phase as TccPhase,
      effect: f.effect as PhaseRecord["effect"], n: Number(f.n), free: Number(f.free), frozen: Number(f.frozen), done: Number(f.done),
    });
  }
  return out;
}

/** The records of each branch (service address, xid, branch id), in history order. */
export function byBranch(records: readonly PhaseRecord[]): Map<string, PhaseRecord[]> {
  const out = new Map<string, PhaseRecord[]>();
  for (const r of records) {
    const key = `${r.h.address} ${r.txn} ${r.branch}`;
    let list = out.get(key);
    if (!list) out.set(key, (list = []));
    list.push(r);
  }
  return out;
}

/** How a branch is named in a message: `s/stock branch 5 of tc:3`. */
export function branchName(r: PhaseRecord): string {
  return `${r.h.address} branch ${r.branch} of ${r.txn}`;
}

/** What n is in the resource's words: `1 unit(s)`, `10 of money`, `1 order row(s)`. */
export function what(r: PhaseRecord, n = r.n): string {
  return r.action === "stock" ? `${n} unit(s) of stock` : r.action === "payment" ? `${n} of money` : `${n} order row(s)`;
}

/** Most violations one check reports. */
export const MAX_VIOLATIONS = 20;
