import type { Disk } from "../../../node/runtime-api";

/**
 * The states of a row of Seata's `tcc_fence_log` table (TCCFenceConstant): 1 tried, 2 committed,
 * 3 rollbacked, 4 suspended [SEATA-FENCE].
 */
export type FenceStatus = "tried" | "committed" | "rollbacked" | "suspended";

/**
 * What the fence decided about one phase: run the business method or not, what to answer
 * (`ok`), the row to write in the local transaction (`write`, when the row changes), and why.
 * Deciding writes nothing: the caller writes the row beside its business change, so a Try
 * that the business refuses leaves no `tried` row behind.
 */
export interface FenceDecision {
  run: boolean;
  ok: boolean;
  write: FenceStatus | null;
  /** The row's status before the decision (null: no row). */
  was: FenceStatus | null;
  why: string;
}

/**
 * The `tcc_fence_log` table on the service's own disk, keyed by (xid, branch_id), and Seata's
 * three fence rules (TCCFenceHandler). Each decision's write goes into the caller's local
 * transaction: the caller writes its business change beside it and syncs once, so the fence row
 * and the business data are durable together or lost together, as the fence requires.
 *
 * - prepareFence (Try): insert `tried`; a row already there (a Cancel got there first and left
 *   `suspended`) is a duplicate key: the Try is refused and changes nothing (anti-suspension).
 * - commitFence (Confirm): no row is an error; `committed` answers success without running
 *   Confirm again (idempotent); `rollbacked` or `suspended` answers failure; `tried` becomes
 *   `committed` and Confirm runs.
 * - rollbackFence (Cancel): no row inserts `suspended` and answers success without running
 *   Cancel (the empty rollback, allowed); `rollbacked` or `suspended` answers success again
 *   (idempotent); `committed` answers failure; `tried` becomes `rollbacked` and Cancel runs.
 */
export class FenceLog {
  constructor(private readonly disk: Disk) {}

  private key(xid: string, branchId: number): string {
    return `tcc_fence_log/${xid}/${branchId}`;
  }

  /** The row's status, if there is a row. */
  status(xid: string, branchId: number): FenceStatus | null {
    return this.disk.read<FenceStatus>(this.key(xid, branchId)) ?? null;
  }

  /** Writes a decision's row change into the current (not yet synced) local transaction. */
  apply(xid: string, branchId: number, d: FenceDecision): void {
    if (d.write !== null) this.disk.write(this.key(xid, branchId), d.write);
  }

  /** prepareFence: phase one. */
  prepare(xid: string, branchId: number): FenceDecision {
    const was = this.status(xid, branchId);
    if (was !== null) return { run: false, ok: false, write: null, was, why: `duplicate key: the fence row is already ${was}, the Try is refused` };
    return { run: true, ok: true, write: "tried", was, why: "row inserted as tried" };
  }

  /** commitFence: phase two, Confirm. */
  commit(xid: string, branchId: number): FenceDecision {
    const was = this.status(xid, branchId);
    if (was === null) return { run: false, ok: false, write: null, was, why: "no fence row: Confirm without Try" };
    if (was === "committed") return { run: false, ok: true, write: null, was, why: "already committed: idempotency rejected" };
    if (was === "rollbacked" || was === "suspended") return { run: false, ok: false, write: null, was, why: `status ${was} is unexpected for Confirm` };
    return { run: true, ok: true, write: "committed", was, why: "tried becomes committed" };
  }

  /** rollbackFence: phase two, Cancel. */
  rollback(xid: string, branchId: number): FenceDecision {
    const was = this.status(xid, branchId);
    if (was === null) return { run: false, ok: true, write: "suspended", was, why: "no fence row: empty rollback, row inserted as suspended" };
    if (was === "rollbacked" || was === "suspended") return { run: false, ok: true, write: null, was, why: `already ${was}: idempotency rejected` };
    if (was === "committed") return { run: false, ok: false, write: null, was, why: "status committed is unexpected for Cancel" };
    return { run: true, ok: true, write: "rollbacked", was, why: "tried becomes rollbacked" };
  }
}
