import type { RaftLog } from "./raft-log";
import type { AppendReply, AppendRequest } from "./raft-messages";

/**
 * Raft's election restriction (§5.4.1): a candidate's log is at least as up to date as the
 * voter's when its last term is higher, or equal with a last index at least as high.
 */
export function atLeastAsUpToDate(candidateLastTerm: number, candidateLastIndex: number, lastTerm: number, lastIndex: number): boolean {
  return candidateLastTerm > lastTerm || (candidateLastTerm === lastTerm && candidateLastIndex >= lastIndex);
}

/**
 * The follower's side of AppendEntries (Figure 2, receiver steps 2-5): refuse when the log does
 * not hold prevIndex with prevTerm, answering with the conflicting term and its first index so
 * the leader can back up a whole term at once; otherwise delete a conflicting suffix (never an
 * entry that matches), append what is new, and advance the commit index no further than the last
 * new entry. Returns the reply (without term and round, which the caller adds) and the new commit index.
 */
export function acceptAppend(log: RaftLog, req: AppendRequest, commitIndex: number): { reply: Omit<AppendReply, "term" | "round">; commit: number } {
  let prevIndex = req.prevIndex;
  let entries = req.entries;
  // Entries at or below our snapshot are committed, hence equal to ours (state machine safety): skip them.
  if (prevIndex < log.base) {
    const skip = Math.min(entries.length, log.base - prevIndex);
    entries = entries.slice(skip);
    prevIndex += skip;
    if (prevIndex < log.base) return { reply: { success: true, match: prevIndex, conflictTerm: 0, conflictIndex: 0 }, commit: commitIndex };
  }
  if (prevIndex > log.lastIndex) {
    return { reply: { success: false, match: 0, conflictTerm: 0, conflictIndex: log.lastIndex + 1 }, commit: commitIndex };
  }
  const held = log.termAt(prevIndex);
  if (held !== req.prevTerm) {
    return { reply: { success: false, match: 0, conflictTerm: held, conflictIndex: log.firstIndexOfTerm(prevIndex) }, commit: commitIndex };
  }
  for (let k = 0; k < entries.length; k++) {
    const i = prevIndex + 1 + k;
    const t = log.termAt(i);
    if (t === entries[k].term) continue;
    if (t !== -1) log.truncateAfter(i - 1);
    for (const e of entries.slice(k)) log.append(e);
    break;
  }
  const match = prevIndex + entries.length;
  const commit = Math.max(commitIndex, Math.min(req.commit, match));
  return { reply: { success: true, match, conflictTerm: 0, conflictIndex: 0 }, commit };
}

/**
 * Where the leader retries after a refusal (§5.3's optimization): past the last entry it holds of
 * the follower's conflicting term, or at the first index of that term when it holds none, or at
 * the end of a shorter follower log.
 */
export function nextIndexAfterConflict(log: RaftLog, reply: AppendReply): number {
  if (reply.conflictTerm <= 0) return Math.max(1, reply.conflictIndex);
  const last = log.lastIndexOfTerm(reply.conflictTerm);
  return Math.max(1, last > 0 ? last + 1 : reply.conflictIndex);
}

/**
 * The commit rule (§5.4.2, Figure 8): the highest index stored on a majority of voters, but only
 * if that entry is of the leader's current term; older entries commit with it, indirectly. With
 * `countOldTerms` (the bug) any majority-stored entry commits, which Figure 8 shows is unsafe.
 */
export function majorityCommitIndex(log: RaftLog, matches: readonly number[], term: number, commitIndex: number, countOldTerms: boolean): number {
  const sorted = [...matches].sort((a, b) => b - a);
  const majority = sorted[Math.floor(sorted.length / 2)];
  if (majority <= commitIndex) return commitIndex;
  if (countOldTerms) return majority;
  for (let n = majority; n > commitIndex; n--) {
    const t = log.termAt(n);
    if (t === term) return n;
    if (t < term) break;
  }
  return commitIndex;
}
