import type { Disk } from "../../../node/runtime-api";
import type { Json } from "../../../core/json";
import type { LogRecord, NewRecord } from "./log-record";
import { ProducerState } from "./producer-state";

/** The answer to "where does epoch E end in your log?" (Kafka's OffsetsForLeaderEpoch). */
export interface EpochEnd {
  /** The largest epoch at most the one asked for that this log knows, or -1. */
  epoch: number;
  /** The first offset after that epoch's records. */
  endOffset: number;
}

/**
 * One replica's copy of a partition's log: records in memory, each also written to the disk
 * under `log/<topic>/<partition>/<offset>`. Writing does not sync; the broker's flush policy
 * decides when, so a crash loses exactly the tail that was never synced. The leader-epoch index
 * (Kafka's leader-epoch-checkpoint) says where each epoch starts, for the divergence check.
 */
export class PartitionLog {
  private records: LogRecord[] = [];
  private epochStarts: Array<{ epoch: number; start: number }> = [];
  readonly producers = new ProducerState();
  private readonly prefix: string;

  constructor(private readonly disk: Disk, readonly topic: string, readonly partition: number) {
    this.prefix = `log/${topic}/${partition}/`;
    this.recover();
  }

  /** Log end offset: the offset the next record gets. */
  get leo(): number {
    return this.records.length;
  }

  /** Epoch of the last record, or -1 for an empty log. */
  get lastEpoch(): number {
    return this.records.length === 0 ? -1 : this.records[this.records.length - 1].epoch;
  }

  /** Appends a record in leader epoch `epoch` (page cache only) and returns it with its offset. */
  append(r: NewRecord, epoch: number): LogRecord {
    const rec: LogRecord = { ...r, offset: this.records.length, epoch };
    this.push(rec);
    this.disk.write(this.key(rec.offset), rec as unknown as Json);
    return rec;
  }

  /** Appends a record a follower fetched, keeping the leader's offset and epoch. */
  appendReplica(rec: LogRecord): void {
    if (rec.offset !== this.records.length) throw new Error(`replica append out of order at ${this.topic}-${this.partition}: got offset ${rec.offset}, log end ${this.records.length}`);
    this.push({ ...rec });
    this.disk.write(this.key(rec.offset), rec as unknown as Json);
  }

  /** Records `[from, to)`, at most `max` of them. */
  read(from: number, to: number, max: number): LogRecord[] {
    return this.records.slice(from, Math.min(to, from + max));
  }

  /** The record at `offset`, if the log has it. */
  at(offset: number): LogRecord | undefined {
    return this.records[offset];
  }

  /** Cuts the log back to `to` records and returns what was removed. */
  truncate(to: number): LogRecord[] {
    if (to >= this.records.length) return [];
    const removed = this.records.splice(to);
    for (const r of removed) this.disk.delete(this.key(r.offset));
    while (this.epochStarts.length > 0 && this.epochStarts[this.epochStarts.length - 1].start >= to) this.epochStarts.pop();
    this.producers.rebuild(this.records);
    return removed;
  }

  /**
   * Where epoch `epoch` ends in this log: the largest epoch it knows that is at most `epoch`,
   * and the offset at which the next epoch starts (or the log end). `current` is the leader's
   * own epoch, which may have no records yet.
   */
  epochEnd(epoch: number, current: number): EpochEnd {
    if (epoch >= current) return { epoch: current, endOffset: this.leo };
    let found = -1;
    let end = 0;
    for (let i = this.epochStarts.length - 1; i >= 0; i--) {
      if (this.epochStarts[i].epoch <= epoch) {
        found = this.epochStarts[i].epoch;
        end = i + 1 < this.epochStarts.length ? this.epochStarts[i + 1].start : this.leo;
        break;
      }
    }
    return found < 0 ? { epoch: -1, endOffset: 0 } : { epoch: found, endOffset: end };
  }

  /** The first offset after this log's records of epochs at most `epoch` (a follower's side of the check). */
  ownEpochEnd(epoch: number): number {
    if (epoch < 0) return 0;
    for (const e of this.epochStarts) if (e.epoch > epoch) return e.start;
    return this.leo;
  }

  private push(rec: LogRecord): void {
    const last = this.epochStarts[this.epochStarts.length - 1];
    if (!last || last.epoch !== rec.epoch) this.epochStarts.push({ epoch: rec.epoch, start: rec.offset });
    this.records.push(rec);
    this.producers.apply(rec);
  }

  private key(offset: number): string {
    return this.prefix + String(offset).padStart(10, "0");
  }

  /** Reads back what the disk holds: the contiguous run of records from offset 0. */
  private recover(): void {
    for (const k of this.disk.keys(this.prefix)) {
      const rec = this.disk.read<Json>(k) as unknown as LogRecord | undefined;
      if (!rec || rec.offset !== this.records.length) break;
      this.push(rec);
    }
  }
}
