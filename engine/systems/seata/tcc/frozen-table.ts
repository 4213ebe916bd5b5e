import type { Micros } from "../../../core/time";
import type { Disk } from "../../../node/runtime-api";

/**
 * The TCC service's own reservation table beside its business rows: per business row, how much
 * Try has reserved (frozen) and not yet confirmed or cancelled, and when each branch reserved
 * (for the `lock.held` records). The business row (a balance, a stock count, an order row) is
 * changed only by Confirm; what a new Try can reserve is the row's value minus what is frozen.
 * This is the TCC account of Seata's docs: Try freezes, Confirm deducts, Cancel unfreezes.
 * Writes join the service's current local transaction (the caller syncs).
 */
export class FrozenTable {
  constructor(private readonly disk: Disk) {}

  /** What is frozen on a row now (may go below zero when a Cancel unfreezes what no Try froze). */
  frozen(resource: string): number {
    return this.disk.read<number>(`tcc_frozen/${resource}`) ?? 0;
  }

  /** Adds to (or, with a negative amount, takes from) what is frozen on a row. */
  add(resource: string, amount: number): number {
    const f = this.frozen(resource) + amount;
    this.disk.write(`tcc_frozen/${resource}`, f);
    return f;
  }

  /** Notes when a branch's Try reserved. */
  reservedAt(xid: string, branchId: number, t: Micros): void {
    this.disk.write(`tcc_reserved_at/${xid}/${branchId}`, t);
  }

  /** When a branch's Try reserved, if it did. */
  whenReserved(xid: string, branchId: number): Micros | null {
    return this.disk.read<number>(`tcc_reserved_at/${xid}/${branchId}`) ?? null;
  }
}
