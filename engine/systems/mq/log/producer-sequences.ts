/** A message an idempotent producer is still trying to deliver to one partition. */
export interface PendingRecord {
  id: string;
  pid: string;
  seq: number;
}

/**
 * An idempotent producer's numbering of one partition: the producer id and the next sequence
 * number, and the records not yet delivered, in sequence order. When a record fails for good,
 * or the leader has forgotten this producer (its records were lost), the later records could
 * never be accepted in order; as Kafka's producer does by bumping its epoch, `reset` starts a new
 * producer id and renumbers the pending records from 0.
 */
export class PartitionSequences {
  pid: string;
  private next = 0;
  private bumps = 0;
  private readonly pending: PendingRecord[] = [];
  private waiters: Array<() => void> = [];

  constructor(private readonly basePid: string) {
    this.pid = basePid;
  }

  /** Numbers a new record. */
  add(id: string): PendingRecord {
    const p = { id, pid: this.pid, seq: this.next++ };
    this.pending.push(p);
    return p;
  }

  /** The record is delivered or abandoned. */
  done(p: PendingRecord): void {
    const i = this.pending.indexOf(p);
    if (i >= 0) this.pending.splice(i, 1);
    this.wake();
  }

  /**
   * Resolves once `p` is the oldest pending record. A record refused as out of order waits
   * here instead of retrying blindly: the gap before it closes only when the earlier records
   * are delivered or abandoned, as Kafka's producer re-sends in sequence order.
   */
  untilOldest(p: PendingRecord): Promise<void> {
    if (this.isOldest(p) || !this.pending.includes(p)) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const check = () => {
        if (this.isOldest(p) || !this.pending.includes(p)) resolve();
        else this.waiters.push(check);
      };
      this.waiters.push(check);
    });
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Whether `p` is the oldest record still pending. */
  isOldest(p: PendingRecord): boolean {
    return this.pending[0] === p;
  }

  /** Starts a new producer id and renumbers the pending records from 0. */
  reset(): void {
    this.bumps++;
    this.pid = `${this.basePid}.${this.bumps}`;
    this.next = 0;
    for (const p of this.pending) {
      p.pid = this.pid;
      p.seq = this.next++;
    }
    this.wake();
  }
}
