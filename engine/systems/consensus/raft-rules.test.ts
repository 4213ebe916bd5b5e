import { describe, expect, it } from "vitest";
import { DiskState } from "../../node/disk";
import type { Disk } from "../../node/runtime-api";
import { RaftLog } from "./raft-log";
import type { AppendRequest, LogEntry } from "./raft-messages";
import { acceptAppend, atLeastAsUpToDate, majorityCommitIndex, nextIndexAfterConflict } from "./raft-rules";

const disk = (): Disk => new DiskState() as unknown as Disk;
const entry = (term: number, id: string): LogEntry => ({ term, kind: "cmd", cmd: id, id });
/** A log holding entries of the given terms, ids e<index>t<term>. */
const logOf = (terms: number[], d: Disk = disk()) => {
  const log = new RaftLog(d);
  terms.forEach((t, i) => log.append(entry(t, `e${i + 1}t${t}`)));
  return log;
};
const append = (over: Partial<AppendRequest>): AppendRequest => ({ term: 5, leader: "l", prevIndex: 0, prevTerm: 0, entries: [], commit: 0, round: 1, ...over });

describe("Raft rules (REFERENCE.md §6)", () => {
  it("Raft §6: votes only for a candidate whose log is at least as up to date: last term first, then last index", () => {
    expect(atLeastAsUpToDate(3, 1, 2, 9)).toBe(true);
    expect(atLeastAsUpToDate(2, 9, 3, 1)).toBe(false);
    expect(atLeastAsUpToDate(3, 5, 3, 5)).toBe(true);
    expect(atLeastAsUpToDate(3, 4, 3, 5)).toBe(false);
  });

  it("Raft §6: AppendEntries carries prevLogIndex/prevLogTerm; a mismatch is refused with the conflicting term's first index", () => {
    const log = logOf([1, 1, 2, 2, 2]);
    const r = acceptAppend(log, append({ prevIndex: 5, prevTerm: 3, entries: [entry(5, "x")] }), 0);
    expect(r.reply).toEqual({ success: false, match: 0, conflictTerm: 2, conflictIndex: 3 });
    expect(log.lastIndex).toBe(5);
    const short = acceptAppend(log, append({ prevIndex: 8, prevTerm: 4 }), 0);
    expect(short.reply).toMatchObject({ success: false, conflictTerm: 0, conflictIndex: 6 });
  });

  it("Raft §6: the leader backs up by a whole term at once: past its last entry of the follower's term, or to that term's first index", () => {
    const leader = logOf([1, 1, 2, 4, 4]);
    expect(nextIndexAfterConflict(leader, { term: 5, success: false, match: 0, conflictTerm: 2, conflictIndex: 3, round: 1 })).toBe(4);
    expect(nextIndexAfterConflict(leader, { term: 5, success: false, match: 0, conflictTerm: 3, conflictIndex: 3, round: 1 })).toBe(3);
    expect(nextIndexAfterConflict(leader, { term: 5, success: false, match: 0, conflictTerm: 0, conflictIndex: 2, round: 1 })).toBe(2);
  });

  it("Raft §6: a follower deletes a conflicting suffix, keeps matching entries, and commits no further than the last new entry", () => {
    const log = logOf([1, 1, 2, 2]);
    const r = acceptAppend(log, append({ prevIndex: 2, prevTerm: 1, entries: [entry(3, "a"), entry(3, "b")], commit: 9 }), 1);
    expect(r.reply).toMatchObject({ success: true, match: 4 });
    expect(r.commit).toBe(4);
    expect([log.at(3)!.id, log.at(4)!.id]).toEqual(["a", "b"]);
    // A stale, shorter AppendEntries that matches must not truncate what follows (Figure 2, step 3).
    const again = acceptAppend(log, append({ prevIndex: 2, prevTerm: 1, entries: [entry(3, "a")], commit: 0 }), 4);
    expect(again.reply.match).toBe(3);
    expect(log.lastIndex).toBe(4);
  });

  it("Raft §6: a leader commits by counting replicas only an entry of its current term (Figure 8); older ones commit with it", () => {
    // Figure 8 (c): S1 leads term 4 with [1, 2] and has copied index 2 (term 2) to a majority.
    const s1 = logOf([1, 2]);
    expect(majorityCommitIndex(s1, [2, 2, 2, 1, 1], 4, 1, false)).toBe(1);
    // The bug counts the term-2 replicas and commits index 2, which S5 (term 3) may overwrite.
    expect(majorityCommitIndex(s1, [2, 2, 2, 1, 1], 4, 1, true)).toBe(2);
    // Figure 8 (e): once the term-4 entry at index 3 is on a majority, index 2 commits with it.
    s1.append(entry(4, "e3t4"));
    expect(majorityCommitIndex(s1, [3, 3, 3, 1, 1], 4, 1, false)).toBe(3);
  });

  it("Raft §6: currentTerm, votedFor and the log survive a crash once synced; what was not synced is lost", () => {
    const d = new DiskState();
    const log = logOf([1, 1], d as unknown as Disk);
    log.setTerm(3, "n2");
    log.sync();
    log.append(entry(3, "unsynced"));
    d.loseUnsynced();
    const after = new RaftLog(d as unknown as Disk);
    expect([after.term, after.votedFor, after.lastIndex]).toEqual([3, "n2", 2]);
  });

  it("raft log: a snapshot compacts the prefix; entries after it survive; termAt knows the snapshot's last term", () => {
    const d = new DiskState();
    const log = logOf([1, 1, 2, 2, 3], d as unknown as Disk);
    log.installSnapshot({ index: 3, term: 2, membership: { voters: ["a"], learners: [] }, state: { x: 1 } });
    log.sync();
    expect([log.base, log.lastIndex, log.termAt(3), log.termAt(2), log.at(4)!.id]).toEqual([3, 5, 2, -1, "e4t2"]);
    const after = new RaftLog(d as unknown as Disk);
    expect([after.base, after.lastIndex, after.termRuns()]).toEqual([3, 5, [[3, 2], [5, 3]]]);
    // A snapshot past a conflicting log discards the whole log (Figure 13, step 7).
    after.installSnapshot({ index: 6, term: 4, membership: { voters: ["a"], learners: [] }, state: {} });
    expect([after.base, after.lastIndex]).toEqual([6, 6]);
  });
});
