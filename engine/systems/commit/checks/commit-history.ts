import type { Micros } from "../../../core/time";
import type { HistoryEntry } from "../../../check/checker";
import type { FaultSpec } from "../../../scenario";

/** The history events the commit protocols record, as the checkers read them. */
export const COMMIT_EVENTS = {
  /** The coordinator starts phase one: `{txn, participants, protocol}`. */
  begin: "begin",
  /** The client starts a transaction: `{txn, participants, coordinator}`. */
  txnBegin: "txn-begin",
  /** What the client was told: `{txn, outcome, via}`. */
  txnOutcome: "txn-outcome",
  /** A participant's vote: `{txn, vote}`. */
  vote: "vote",
  /** A decision by a coordinator or participant: `{txn, outcome, role, reason|via}`. */
  decide: "decide",
  uncertainStart: "uncertain-start",
  uncertainEnd: "uncertain-end",
  /** A termination round found nobody who could decide: `{txn, round, ...}`. */
  blocked: "blocked",
  preCommit: "pre-commit",
  terminationStart: "termination-start",
  elected: "elected",
} as const;

/** Every history entry that names a transaction, grouped by it, in history order. */
export function byTxn(history: readonly HistoryEntry[]): Map<string, HistoryEntry[]> {
  const out = new Map<string, HistoryEntry[]>();
  for (const h of history) {
    const txn = h.fields.txn;
    if (typeof txn !== "string") continue;
    let list = out.get(txn);
    if (!list) out.set(txn, (list = []));
    list.push(h);
  }
  return out;
}

/** A decision or an outcome told to the client, with what it was: the entries atomicity reads. */
export function isOutcome(h: HistoryEntry): boolean {
  return (h.event === COMMIT_EVENTS.decide || h.event === COMMIT_EVENTS.txnOutcome) && (h.fields.outcome === "commit" || h.fields.outcome === "abort");
}

/** How a decision reads in a message: `n2/p (participant, via peer) aborted at 1.2s`. */
export function describeOutcome(h: HistoryEntry, fmt: (t: Micros) => string): string {
  const verb = h.fields.outcome === "commit" ? "committed" : "aborted";
  if (h.event === COMMIT_EVENTS.txnOutcome) return `the client ${h.address} was told ${h.fields.outcome === "commit" ? "commit" : "abort"} at ${fmt(h.t)}`;
  const why = h.fields.via ?? h.fields.reason;
  return `${h.address} (${String(h.fields.role ?? "process")}${why !== undefined ? `, ${String(why)}` : ""}) ${verb} at ${fmt(h.t)}`;
}

/** The participants a transaction was started with: the coordinator's list, else the client's. */
export function participantsOf(entries: readonly HistoryEntry[]): string[] {
  const begin = entries.find((h) => h.event === COMMIT_EVENTS.begin) ?? entries.find((h) => h.event === COMMIT_EVENTS.txnBegin);
  const list = begin?.fields.participants;
  return Array.isArray(list) ? list.filter((p): p is string => typeof p === "string") : [];
}

/** The nodes that are down when the run ends: crashed and not restarted. */
export function downAtEnd(faults: readonly FaultSpec[], endedAt: Micros): Set<string> {
  const changes: Array<{ t: Micros; node: string; down: boolean }> = [];
  for (const f of faults) {
    if (f.action === "crash") {
      changes.push({ t: f.at, node: f.node, down: true });
      if (f.duration !== undefined) changes.push({ t: f.at + f.duration, node: f.node, down: false });
    } else if (f.action === "restart") {
      changes.push({ t: f.at, node: f.node, down: false });
    }
  }
  changes.sort((a, b) => a.t - b.t);
  const down = new Set<string>();
  for (const c of changes) {
    if (c.t > endedAt) break;
    if (c.down) down.add(c.node);
    else down.delete(c.node);
  }
  return down;
}

/** The first time a node crashes within [from, to), or null. */
export function firstCrash(faults: readonly FaultSpec[], node: string, from: Micros, to: Micros): Micros | null {
  let best: Micros | null = null;
  for (const f of faults) {
    if (f.action !== "crash" || f.node !== node || f.at < from || f.at >= to) continue;
    if (best === null || f.at < best) best = f.at;
  }
  return best;
}

/** Trace sequence numbers of history entries, where the trace was recorded. */
export function seqs(entries: readonly HistoryEntry[]): number[] {
  return entries.map((h) => h.seq).filter((s) => s >= 0);
}
