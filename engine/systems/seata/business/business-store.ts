import type { Runtime } from "../../../node/runtime-api";
import { BUSINESS_RECORD } from "./business-records";
import type { BranchService } from "./place-order";

/** One business row as the store keeps it (and writes to disk). */
interface Row {
  value: number;
  /** The transaction whose forward write produced the value; null for the initial value, a write outside any transaction, or a value an undo restored. */
  writer: string | null;
}

/**
 * A branch service's business table: numeric rows (a stock count, a balance, an order row's 0
 * or 1) kept on the service's disk and synced at every write, as a database commits with
 * innodb_flush_log_at_trx_commit=1. Every change is recorded (`business.write`, with the
 * value before and after and the transaction that made it) and so is every read a reader
 * makes (`business.read`, with the transaction whose write it saw), which is what the shared
 * checkers judge: money conserved, stock never negative, an atomic outcome, no dirty read.
 * The rows' first values are recorded once, at the service's first start (`business.init`).
 */
export class BusinessStore {
  private readonly rows = new Map<string, Row>();

  constructor(private readonly rt: Runtime, readonly service: BranchService, initial: Readonly<Record<string, number>>) {
    const saved = rt.disk.keys("row/");
    if (saved.length === 0 && rt.incarnation === 0) {
      for (const [resource, value] of Object.entries(initial)) {
        this.rows.set(resource, { value, writer: null });
        rt.disk.write(`row/${resource}`, { value, writer: null });
        rt.record(BUSINESS_RECORD.init, { service, resource, value });
      }
      rt.disk.sync();
    } else {
      for (const k of saved) {
        const r = rt.disk.read<{ value: number; writer: string | null }>(k)!;
        this.rows.set(k.slice("row/".length), { value: r.value, writer: r.writer });
      }
    }
  }

  /** The row's value (0 for a row that does not exist: an order not placed). */
  get(resource: string): number {
    return this.rows.get(resource)?.value ?? 0;
  }

  /** The transaction whose forward write the row holds, if any. */
  writer(resource: string): string | null {
    return this.rows.get(resource)?.writer ?? null;
  }

  /**
   * Writes a row and syncs it. `txn` is the transaction writing (null outside any); `undo` marks
   * a rollback's or compensation's write, which restores rather than produces a value.
   */
  write(resource: string, after: number, txn: string | null, undo = false): void {
    const before = this.get(resource);
    const row: Row = { value: after, writer: undo ? null : txn };
    this.rows.set(resource, row);
    this.rt.disk.write(`row/${resource}`, { value: row.value, writer: row.writer });
    this.rt.disk.sync();
    this.rt.record(BUSINESS_RECORD.write, { service: this.service, resource, txn, before, after, undo });
  }

  /** A reader's read of a row, recorded with the writer whose value it saw. */
  read(resource: string, txn: string | null): number {
    const value = this.get(resource);
    this.rt.record(BUSINESS_RECORD.read, { service: this.service, resource, txn, value, writer: this.writer(resource) });
    return value;
  }

  /** Every row, for the state panel. */
  entries(): Array<[string, number]> {
    return [...this.rows].map(([k, r]) => [k, r.value]);
  }
}
