import type { LogRecord } from "./log-record";

/** How many recent batches per producer Kafka remembers for deduplication. */
const RECENT = 5;

/** What the broker makes of an idempotent producer's sequence number. */
export type SequenceCheck =
  | { kind: "new" }
  /** Already in the log (a retry of something that succeeded): answer with its offset. */
  | { kind: "duplicate"; offset: number }
  /** A gap: an earlier record of this producer is missing. `unknown`: the producer has no state here. */
  | { kind: "out-of-order"; unknown: boolean; expected: number };

/**
 * The idempotent producer's deduplication state of one partition replica (Kafka's
 * ProducerStateManager): per producer id, the last sequence number in the log and the offsets
 * of the last few. It is derived from the log itself, so followers hold it too and a new leader
 * deduplicates retries that the old leader had already appended.
 */
export class ProducerState {
  private readonly producers = new Map<string, { lastSeq: number; recent: Array<{ seq: number; offset: number }> }>();

  /** Notes an appended record. */
  apply(r: LogRecord): void {
    if (r.seq < 0) return;
    let p = this.producers.get(r.pid);
    if (!p) {
      p = { lastSeq: -1, recent: [] };
      this.producers.set(r.pid, p);
    }
    p.lastSeq = r.seq;
    p.recent.push({ seq: r.seq, offset: r.offset });
    if (p.recent.length > RECENT) p.recent.shift();
  }

  /** Rebuilds the state from a log (after a truncation or a restart). */
  rebuild(records: readonly LogRecord[]): void {
    this.producers.clear();
    for (const r of records) this.apply(r);
  }

  /** Classifies sequence number `seq` of producer `pid`. */
  check(pid: string, seq: number): SequenceCheck {
    const p = this.producers.get(pid);
    if (!p) return seq === 0 ? { kind: "new" } : { kind: "out-of-order", unknown: true, expected: 0 };
    if (seq === p.lastSeq + 1) return { kind: "new" };
    if (seq <= p.lastSeq) {
      const hit = p.recent.find((e) => e.seq === seq);
      // Older than the remembered window: Kafka answers DUPLICATE_SEQUENCE_NUMBER, which the
      // producer treats as success; the offset is then unknown.
      return { kind: "duplicate", offset: hit ? hit.offset : -1 };
    }
    return { kind: "out-of-order", unknown: false, expected: p.lastSeq + 1 };
  }
}
