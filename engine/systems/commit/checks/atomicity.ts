import type { CheckerFactory, CheckOutcome, HistoryEntry } from "../../../check/checker";
import { formatMicros } from "../../../core/time";
import { COMMIT_EVENTS, byTxn, describeOutcome, isOutcome, seqs } from "./commit-history";

type Violation = CheckOutcome["violations"][number];

/** Most violations one run reports; the first ones say what broke. */
const MAX_VIOLATIONS = 20;
/** Events that explain how a conflicting decision came about, shown beside it. */
const CONTEXT = new Set<string>([COMMIT_EVENTS.vote, COMMIT_EVENTS.preCommit, COMMIT_EVENTS.elected, COMMIT_EVENTS.blocked, COMMIT_EVENTS.terminationStart]);

/**
 * Atomic commit's safety (BHG ch. 7, AC1 and AC2): every process that decides a transaction
 * decides the same, and no process changes its decision. It reads the `decide` records of
 * coordinators and participants (including a participant elected by 3PC's termination protocol
 * and a 2PC coordinator's presumed abort) and what clients were told (`txn-outcome`).
 * A violation names both sides and lists, besides the decisions, the votes, pre-commits and
 * elections of that transaction, which show how it happened.
 */
export const atomicity: CheckerFactory = () => ({
  name: "atomicity",
  description: "No process commits a transaction that another aborts, and no decision is ever reversed.",
  check(ctx) {
    const violations: Violation[] = [];
    for (const [txn, entries] of byTxn(ctx.history)) {
      const outcomes = entries.filter(isOutcome);
      if (outcomes.length < 2) continue;
      const [commit, abort] = conflict(outcomes);
      if (commit && abort) {
        const shown = [...outcomes, ...entries.filter((h) => CONTEXT.has(h.event))].sort((a, b) => a.index - b.index).slice(0, 40);
        violations.push({
          message: `${txn}: ${describeOutcome(commit, formatMicros)}, but ${describeOutcome(abort, formatMicros)}`,
          t: Math.max(commit.t, abort.t),
          nodes: [...new Set(outcomes.map((h) => h.node))].sort(),
          history: shown.map((h) => h.index),
          events: seqs(shown),
        });
      }
      for (const [first, then] of reversals(outcomes)) {
        violations.push({
          message: `${txn}: ${first.address} decided ${String(first.fields.outcome)} at ${formatMicros(first.t)} and then ${String(then.fields.outcome)} at ${formatMicros(then.t)}: a decision was reversed`,
          t: then.t,
          nodes: [then.node],
          history: [first.index, then.index],
          events: seqs([first, then]),
        });
      }
      if (violations.length >= MAX_VIOLATIONS) break;
    }
    return { violations: violations.slice(0, MAX_VIOLATIONS) };
  },
});

/**
 * The pair of decisions to name: a commit and an abort by another process, participants first
 * (their decisions are the data), then clients; a process's own reversal is reported separately.
 */
function conflict(outcomes: readonly HistoryEntry[]): [HistoryEntry | undefined, HistoryEntry | undefined] {
  const isParticipant = (h: HistoryEntry) => h.event === COMMIT_EVENTS.decide && h.fields.role === "participant";
  const all = outcomes.filter((h) => h.fields.outcome === "commit");
  const commits = [...all.filter(isParticipant), ...all.filter((h) => !isParticipant(h))];
  const aborts = outcomes.filter((h) => h.fields.outcome === "abort");
  if (commits.length === 0 || aborts.length === 0) return [undefined, undefined];
  for (const c of commits) {
    const other = aborts.filter((a) => a.address !== c.address);
    const best = other.find(isParticipant) ?? other.find((a) => a.event === COMMIT_EVENTS.txnOutcome) ?? other[0];
    if (best) return [c, best];
  }
  return [all[0], aborts[0]];
}

/** Per process, its first decision and the first later one that differs. */
function reversals(outcomes: readonly HistoryEntry[]): Array<[HistoryEntry, HistoryEntry]> {
  const first = new Map<string, HistoryEntry>();
  const out: Array<[HistoryEntry, HistoryEntry]> = [];
  const reported = new Set<string>();
  for (const h of outcomes) {
    const f = first.get(h.address);
    if (!f) first.set(h.address, h);
    else if (f.fields.outcome !== h.fields.outcome && !reported.has(h.address)) {
      reported.add(h.address);
      out.push([f, h]);
    }
  }
  return out;
}
