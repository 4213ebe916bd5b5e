import type { Json } from "../../core/json";
import type { Disk } from "../../node/runtime-api";
import type { LogEntry, Membership } from "./raft-messages";

/** A snapshot: the state machine at `index`, the term of that entry, and the membership then. */
export interface Snapshot {
  index: number;
  term: number;
  membership: Membership;
  state: Json;
}

const entryKey = (i: number) => `raft/log/${String(i).padStart(10, "0")}`;

/**
 * The replicated log and the server's persistent state (Figure 2: currentTerm, votedFor, log[]),
 * kept on the process's disk. Writes go to the page cache; `sync` makes them durable, and the
 * server calls it before sending any message that depends on them. Entries up to the snapshot's
 * index are compacted away; `termAt` still knows the snapshot's last term.
 */
export class RaftLog {
  /** entries[k] is the entry at index base + 1 + k. */
  private entries: LogEntry[] = [];
  snapshot: Snapshot | null;
  term: number;
  votedFor: string | null;

  constructor(private readonly disk: Disk) {
    this.term = disk.read<number>("raft/term") ?? 0;
    this.votedFor = disk.read<string>("raft/vote") ?? null;
    this.snapshot = (disk.read("raft/snap") as unknown as Snapshot | undefined) ?? null;
    const base = this.base;
    for (const k of disk.keys("raft/log/")) {
      const i = Number(k.slice("raft/log/".length));
      if (i <= base) continue;
      // Entries are written in order and truncated from the end, so the keys above the base are contiguous.
      this.entries.push(disk.read(k) as unknown as LogEntry);
      if (i !== base + this.entries.length) throw new Error(`raft log on disk has a gap at index ${i}`);
    }
  }

  /** The index the snapshot covers (0 without one). */
  get base(): number {
    return this.snapshot?.index ?? 0;
  }

  get lastIndex(): number {
    return this.base + this.entries.length;
  }

  get lastTerm(): number {
    return this.termAt(this.lastIndex);
  }

  /** The term of the entry at `i`; 0 for index 0; -1 when compacted away (below the snapshot) or absent. */
  termAt(i: number): number {
    if (i === 0) return 0;
    if (i === this.base) return this.snapshot!.term;
    if (i < this.base || i > this.lastIndex) return -1;
    return this.entries[i - this.base - 1].term;
  }

  /** The entry at `i`, if held and not compacted. */
  at(i: number): LogEntry | undefined {
    return i > this.base && i <= this.lastIndex ? this.entries[i - this.base - 1] : undefined;
  }

  /** Entries from `from` to at most `from + max - 1`. */
  slice(from: number, max: number): LogEntry[] {
    return this.entries.slice(from - this.base - 1, from - this.base - 1 + max);
  }

  /** The first index of the term held at `i` (for backing up by a whole term). */
  firstIndexOfTerm(i: number): number {
    const t = this.termAt(i);
    let j = i;
    while (j - 1 > this.base && this.termAt(j - 1) === t) j--;
    return j;
  }

  /** The last index holding `term`, or 0 when the log holds none. */
  lastIndexOfTerm(term: number): number {
    for (let i = this.lastIndex; i > this.base; i--) {
      const t = this.termAt(i);
      if (t === term) return i;
      if (t < term) return 0;
    }
    return 0;
  }

  /**
   * Sets currentTerm and votedFor. With `persistVote` false (the bug zoo's unpersisted vote) the
   * vote stays in memory only and the disk says "no vote this term", so a restart forgets it.
   */
  setTerm(term: number, votedFor: string | null, persistVote = true): void {
    this.term = term;
    this.votedFor = votedFor;
    this.disk.write("raft/term", term);
    if (votedFor === null || !persistVote) this.disk.delete("raft/vote");
    else this.disk.write("raft/vote", votedFor);
  }

  append(entry: LogEntry): number {
    this.entries.push(entry);
    this.disk.write(entryKey(this.lastIndex), entry as unknown as Json);
    return this.lastIndex;
  }

  /** Removes every entry after `i` (a follower's conflicting suffix; never the leader's own log). */
  truncateAfter(i: number): void {
    for (let j = this.lastIndex; j > i; j--) this.disk.delete(entryKey(j));
    this.entries.length = Math.max(0, i - this.base);
  }

  /**
   * Installs a snapshot at `snap.index`: entries up to it are dropped; entries after it are kept
   * only when the log holds the snapshot's last entry (Figure 13, step 6), else the log is discarded.
   */
  installSnapshot(snap: Snapshot): void {
    const keep = this.termAt(snap.index) === snap.term ? this.entries.slice(snap.index - this.base) : [];
    for (let j = this.base + 1; j <= this.lastIndex; j++) {
      if (j <= snap.index || keep.length === 0) this.disk.delete(entryKey(j));
    }
    this.snapshot = snap;
    this.entries = keep;
    this.disk.write("raft/snap", snap as unknown as Json);
  }

  /** Makes every write so far durable: called before any message that depends on them. */
  sync(): void {
    if (this.disk.unsynced > 0) this.disk.sync();
  }

  /** The membership in force: that of the last config entry in the log, else the snapshot's. */
  membership(initial: Membership): Membership {
    return this.membershipAt(this.lastIndex, initial);
  }

  /** The membership in force at index `i` (for a snapshot taken there). */
  membershipAt(i: number, initial: Membership): Membership {
    for (let j = Math.min(i, this.lastIndex); j > this.base; j--) {
      const e = this.at(j)!;
      if (e.kind === "config") return e.config!;
    }
    return this.snapshot?.membership ?? initial;
  }

  /** The index of the last config entry in the log (0 when the log holds none above the snapshot). */
  lastConfigIndex(): number {
    for (let i = this.lastIndex; i > this.base; i--) if (this.at(i)!.kind === "config") return i;
    return 0;
  }

  /** The terms of the log as runs [first index, term], compact evidence for the checkers. */
  termRuns(): Array<[number, number]> {
    const runs: Array<[number, number]> = [];
    if (this.snapshot) runs.push([this.base, this.snapshot.term]);
    for (let i = this.base + 1; i <= this.lastIndex; i++) {
      const t = this.termAt(i);
      if (runs.length === 0 || runs[runs.length - 1][1] !== t) runs.push([i, t]);
    }
    return runs;
  }
}
