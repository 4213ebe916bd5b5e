import { PartitionSequences } from "./producer-sequences";

/**
 * A producer's lane to one partition: at most `maxInFlight` requests at once, and, for an
 * idempotent producer, the sequence numbering. When the numbering must restart (a record failed
 * for good, or the leader forgot the producer), the lane stops sending, lets the requests in
 * flight come back, and only then renumbers, as Kafka's producer bumps its epoch only once its
 * in-flight batches have drained. Waiters are served first come, first served.
 */
export class PartitionChannel {
  readonly seqs: PartitionSequences;
  private inFlight = 0;
  private resetWanted = false;
  private waiters: Array<() => void> = [];

  constructor(basePid: string, private readonly maxInFlight: number) {
    this.seqs = new PartitionSequences(basePid);
  }

  /** Waits for a free slot (and for a pending renumbering to finish). */
  async acquire(): Promise<void> {
    while (this.resetWanted || this.inFlight >= this.maxInFlight) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    this.inFlight++;
  }

  /** A request came back. */
  release(): void {
    this.inFlight--;
    if (this.resetWanted && this.inFlight === 0) this.renumber();
    this.wake();
  }

  /** Asks for new numbering once nothing is in flight. */
  wantReset(): void {
    this.resetWanted = true;
    if (this.inFlight === 0) {
      this.renumber();
      this.wake();
    }
  }

  private renumber(): void {
    this.resetWanted = false;
    this.seqs.reset();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}
