import type { StreamEntry } from "./redis-messages";

/**
 * The replication backlog: the last `size` bytes of the replication stream, kept so that a
 * replica that was briefly away can continue from its offset (a partial resynchronization)
 * instead of loading the whole data set again. Every server keeps one, replicas too, so a
 * promoted replica can continue the other replicas from where they are (PSYNC2).
 */
export class ReplicationBacklog {
  private entries: StreamEntry[] = [];
  private head = 0;
  private bytes = 0;

  constructor(private readonly size: number) {}

  /** Adds an entry at the stream's end, dropping the oldest beyond the size. */
  push(e: StreamEntry): void {
    this.entries.push(e);
    this.bytes += e.end - e.start;
    while (this.bytes > this.size && this.head < this.entries.length - 1) {
      const old = this.entries[this.head++];
      this.bytes -= old.end - old.start;
    }
    // Compacts now and then, so the array does not grow without bound.
    if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
  }

  /** The first offset the backlog can continue from, or null when it is empty. */
  firstOffset(): number | null {
    return this.head < this.entries.length ? this.entries[this.head].start : null;
  }

  /**
   * The entries after `offset`, when the backlog can continue a replica from there: `offset`
   * is between the oldest entry's start and `current` (the server's own offset). Otherwise null.
   */
  from(offset: number, current: number): StreamEntry[] | null {
    if (offset === current) return [];
    const first = this.firstOffset();
    if (first === null || offset < first || offset > current) return null;
    const out: StreamEntry[] = [];
    for (let i = this.head; i < this.entries.length; i++) if (this.entries[i].start >= offset) out.push(this.entries[i]);
    return out.length > 0 && out[0].start === offset ? out : null;
  }

  /** Forgets everything (a full resync starts a new history). */
  clear(): void {
    this.entries = [];
    this.head = 0;
    this.bytes = 0;
  }
}
