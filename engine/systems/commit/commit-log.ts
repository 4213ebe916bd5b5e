import type { Micros } from "../../core/time";
import type { Json } from "../../core/json";
import type { Runtime } from "../../node/runtime-api";

/** The kinds of log record the commit protocols write, one key per transaction each. */
export type RecordKind = "collecting" | "yes" | "pre-commit" | "decision" | "end";

/**
 * A process's commit log on its simulated disk. `write` appends a record that a crash may lose;
 * `force` appends it and waits until it is durable, which takes `forceLatency` (the fsync) and
 * is the only way a record survives a crash. A crash during the wait loses the record and stops
 * the code that awaited it, exactly as a process that dies inside fsync.
 */
export class CommitLog {
  constructor(private readonly rt: Runtime, private readonly forceLatency: Micros) {}

  /** Appends a record without forcing it. */
  write(kind: RecordKind, txn: string, value: Json): void {
    this.rt.disk.write(`${kind}/${txn}`, value);
  }

  /** Appends a record and resolves once it is durable. */
  async force(kind: RecordKind, txn: string, value: Json): Promise<void> {
    this.write(kind, txn, value);
    await this.flush();
  }

  /**
   * Makes everything appended so far durable, after the disk's latency. Syncing at the end of the
   * wait (not the start) is what a crash during an fsync means: the record is not yet safe. It
   * always waits on a timer, even for no time, so the code after it runs as a timer event the
   * run loop knows to drain.
   */
  async flush(): Promise<void> {
    await this.rt.sleep(this.forceLatency);
    this.rt.disk.sync();
  }

  read<T extends Json = Json>(kind: RecordKind, txn: string): T | undefined {
    return this.rt.disk.read<T>(`${kind}/${txn}`);
  }

  /** The transactions that have a record of this kind, in sorted order. */
  txns(kind: RecordKind): string[] {
    const prefix = `${kind}/`;
    return this.rt.disk.keys(prefix).map((k) => k.slice(prefix.length));
  }
}
