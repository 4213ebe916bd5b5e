import type { Micros } from "../../../core/time";
import type { Runtime } from "../../../node/runtime-api";
import { BUSINESS_RECORD } from "../business/business-records";

/** One global lock: the row, the global transaction holding it, since when. */
export interface GlobalLock {
  resource: string;
  xid: string;
  txn: string;
  branchId: number;
  since: Micros;
}

/**
 * The TC's global lock table (Seata's lock_table): a row written by an AT branch is locked for
 * its global transaction from the branch's registration, before its local commit, until the
 * global commit (released at once, phase two's undo-log deletion runs later) or the branch's
 * rollback. Every grant is recorded (`lock.acquired`) and every release (`lock.held`, with
 * how long), which is what the transaction comparison reports. Kept on the TC's disk.
 */
export class GlobalLockTable {
  private readonly locks = new Map<string, GlobalLock>();

  constructor(private readonly rt: Runtime) {
    for (const k of rt.disk.keys("lock/")) {
      const l = rt.disk.read(k) as unknown as GlobalLock;
      this.locks.set(l.resource, l);
    }
  }

  /** Who holds a row's lock, if anyone. */
  holder(resource: string): GlobalLock | undefined {
    return this.locks.get(resource);
  }

  /** Takes a row's lock for a branch; false when another global transaction holds it. */
  take(resource: string, xid: string, txn: string, branchId: number): boolean {
    const h = this.locks.get(resource);
    if (h) return h.xid === xid;
    const l: GlobalLock = { resource, xid, txn, branchId, since: this.rt.now() };
    this.locks.set(resource, l);
    this.rt.disk.write(`lock/${resource}`, { ...l });
    this.rt.record(BUSINESS_RECORD.lockAcquired, { resource, txn, kind: "global-lock", xid });
    return true;
  }

  /** Releases the locks of one branch (`branchId`) or of every branch of `xid`. */
  release(xid: string, branchId?: number): void {
    for (const l of [...this.locks.values()]) {
      if (l.xid !== xid || (branchId !== undefined && l.branchId !== branchId)) continue;
      this.locks.delete(l.resource);
      this.rt.disk.delete(`lock/${l.resource}`);
      this.rt.record(BUSINESS_RECORD.lockHeld, { resource: l.resource, txn: l.txn, from: l.since, to: this.rt.now(), kind: "global-lock", xid });
    }
  }

  /** Every lock, for the state panel. */
  all(): GlobalLock[] {
    return [...this.locks.values()];
  }
}
