import { MS, SECOND } from "../../../core/time";
import type { Message, ProcessFactory, Runtime } from "../../../node/runtime-api";
import { CallError } from "../../../node/runtime-api";
import { checkKeys } from "../../../options/option-values";
import { readOptions } from "../../../options/option-table";
import { BUSINESS_DATA_OPTIONS } from "../business/business-options";
import { BUSINESS_READ } from "../business/business-reader";
import { BUSINESS_RECORD } from "../business/business-records";
import { BusinessStore } from "../business/business-store";
import { refusal } from "../business/place-order";
import type { BranchService } from "../business/place-order";
import { RowLocks } from "../business/row-locks";
import { AT_KIND, AT_MSG, atError, isRollingBack } from "./at-messages";
import type { AtError, BranchCall, BranchStatus, GlobalStatus, PhaseTwoBody } from "./at-messages";
import { AT_RM_OPTIONS } from "./at-options";
import type { AtRmOptions } from "./at-options";
import { serverAddress } from "./server-address";
import { openBranchStore } from "../business/branch-store";

/** An AT undo log row (Seata's undo_log): the branch's before- and after-image of its row. */
interface UndoLog {
  xid: string;
  txn: string;
  branchId: number;
  resource: string;
  before: number;
  after: number;
}

/** The keys a service's config may hold. */
const KEYS = ["service", "server", ...Object.keys(BUSINESS_DATA_OPTIONS), ...Object.keys(AT_RM_OPTIONS)];

/**
 * A branch service in AT mode: the business service (order, stock or payment), its own
 * database, and Seata's resource manager (RM) proxying that database [SEATA-AT].
 *
 * Phase one (the business's call, inside a global transaction): the local transaction takes
 * the row lock, runs the business SQL (`serviceTime`), reads the before-image and checks the
 * business rule (no negative stock or balance: a refusal fails the branch), then, before its
 * local commit, registers the branch with the TC, which takes the row's global lock. A lock
 * another global transaction holds is retried every client.rm.lock.retryInterval ms, up to
 * client.rm.lock.retryTimes times, holding the local row lock meanwhile; then the local
 * transaction rolls back and the branch fails. Granted, the row and its undo log (before- and
 * after-image) commit together in one local transaction, and the row lock is released: from
 * now on every plain SELECT sees the new value although the global transaction has not
 * decided (global isolation read uncommitted, Seata's default).
 *
 * Phase two: a commit deletes the undo log. A rollback takes the row lock, compares the row
 * with the after-image (client.undo.dataValidation): equal, it writes the before-image back;
 * equal to the before-image, nothing is left to undo; anything else is a dirty write — someone
 * changed the row outside the global transaction — and the rollback stops
 * (PhaseTwo_RollbackFailed_Unretryable, recorded as an `anomaly` of kind dirty-write) rather
 * than overwrite it. A rollback that cannot get the row lock in time answers Retryable.
 * History: `at-branch-rollback` (xid, txn, resource, status) for each undo log it acted on,
 * `at-branch-commit` (xid, branchId, resource) for each undo log a commit deleted.
 *
 * Readers: a plain SELECT reads the local committed row. SELECT ... FOR UPDATE takes the row
 * lock and asks the TC whether another global transaction holds the row's global lock; if so
 * it releases the row lock and retries (the same retryInterval and retryTimes), so it returns
 * only data no undecided global transaction wrote (global read committed).
 * A local UPDATE outside any global transaction (`local-UPDATE`) takes only the row lock.
 */
export const atService: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  const c = config ?? {};
  const where = `${AT_KIND.service} ${rt.address}`;
  checkKeys(c, KEYS, where);
  const { service, store } = openBranchStore(rt, c, where);
  return new AtService(rt, service, readOptions(AT_RM_OPTIONS, c, where), store, serverAddress(rt, c.server, where));
};

class AtService {
  private readonly locks: RowLocks;

  constructor(private readonly rt: Runtime, private readonly service: BranchService, private readonly o: AtRmOptions, private readonly store: BusinessStore, private readonly tc: string) {
    this.locks = new RowLocks(rt);
  }

  start(): void {
    this.publish();
  }

  request(req: Message): unknown {
    const b = (req.body ?? {}) as Record<string, unknown>;
    switch (req.type) {
      case AT_MSG.branch: return this.phaseOne(b as unknown as BranchCall);
      case AT_MSG.branchCommit: return this.branchCommit(b as unknown as PhaseTwoBody);
      case AT_MSG.branchRollback: return this.branchRollback(b as unknown as PhaseTwoBody);
      case AT_MSG.select: return this.select(String(b.resource), b.forUpdate === true, req.from);
      case BUSINESS_READ: return this.select(String(b.resource), false, req.from);
      case AT_MSG.localUpdate: return this.localUpdate(String(b.resource), Number(b.delta), req.from);
    }
    throw atError("UnknownXid", `${this.service} serves no ${req.type}`);
  }

  private get lockWait() { return this.o.innodb_lock_wait_timeout * SECOND; }
  private get rmTimeout() { return this.o["transport.rpcRmRequestTimeout"] * MS; }

  private async phaseOne(call: BranchCall) {
    const { xid, txn, op } = call;
    const owner = `${xid}#phase-one`;
    if (!(await this.locks.acquire(op.resource, owner, this.lockWait))) throw atError("LockWaitTimeout", `Lock wait timeout exceeded on ${op.resource}`);
    try {
      await this.rt.sleep(this.o.serviceTime);
      const before = this.store.get(op.resource);
      const why = refusal(op, before);
      if (why) throw atError("BusinessRefused", why);
      const branchId = await this.registerWithRetry(xid, op.resource);
      // One local transaction: the business row and its undo log, synced together.
      const undo: UndoLog = { xid, txn, branchId, resource: op.resource, before, after: before + op.delta };
      this.rt.disk.write(`undo/${xid}/${branchId}`, { ...undo });
      this.store.write(op.resource, undo.after, txn);
      this.publish();
      return { branchId };
    } finally {
      this.locks.release(op.resource, owner);
    }
  }

  /** BranchRegister, retried while another global transaction holds the row's global lock. */
  private async registerWithRetry(xid: string, resource: string): Promise<number> {
    for (let attempt = 0; ; attempt++) {
      try {
        const r = await this.rt.call<{ branchId: number }>(this.tc, AT_MSG.branchRegister, { xid, resource }, { timeout: this.rmTimeout });
        return r.branchId;
      } catch (e) {
        const d = e instanceof CallError && e.code === "remote" ? (e.detail as AtError | undefined) : undefined;
        if (d?.code !== "LockConflict") throw e instanceof CallError && e.code === "remote" && d ? d : atError("GlobalTransactionNotActive", `BranchRegister for ${xid}: ${e instanceof Error ? e.message : String(e)}`);
        const giveUp = attempt >= this.o["client.rm.lock.retryTimes"] || (this.o["client.rm.lock.retryPolicyBranchRollbackOnConflict"] && d.holderStatus !== undefined && isRollingBack(d.holderStatus));
        if (giveUp) {
          this.rt.metrics.count("at.lock.conflict");
          throw atError("LockConflict", `Global lock wait timeout on ${resource}: ${d.message}`);
        }
        await this.rt.sleep(this.o["client.rm.lock.retryInterval"] * MS);
      }
    }
  }

  private branchCommit(b: PhaseTwoBody): { status: BranchStatus } {
    this.rt.disk.delete(`undo/${b.xid}/${b.branchId}`);
    this.rt.disk.sync();
    this.rt.record("at-branch-commit", { xid: b.xid, branchId: b.branchId, resource: b.resource });
    this.publish();
    return { status: "PhaseTwo_Committed" };
  }

  private async branchRollback(b: PhaseTwoBody): Promise<{ status: BranchStatus }> {
    const key = `undo/${b.xid}/${b.branchId}`;
    const owner = `${b.xid}#rollback`;
    if (!(await this.locks.acquire(b.resource, owner, this.lockWait))) return { status: "PhaseTwo_RollbackFailed_Retryable" };
    try {
      const undo = this.rt.disk.read(key) as unknown as UndoLog | undefined;
      // No undo log: the branch's local transaction never committed (or was undone already).
      if (!undo) return { status: "PhaseTwo_Rollbacked" };
      const current = this.store.get(undo.resource);
      if (this.o["client.undo.dataValidation"] && current !== undo.after) {
        if (current !== undo.before) {
          // Seata's dataValidationAndGoOn: "Has dirty records when undo." The undo log stays,
          // the row is left as it is, and the TC stops rolling this transaction back.
          this.rt.record(BUSINESS_RECORD.anomaly, { kind: "dirty-write", txn: undo.txn, resource: undo.resource, detail: `before-image ${undo.before}, after-image ${undo.after}, current ${current}` });
          this.rt.metrics.count("at.rollback.dirty");
          this.rt.record("at-branch-rollback", { xid: b.xid, txn: undo.txn, resource: undo.resource, status: "PhaseTwo_RollbackFailed_Unretryable" });
          return { status: "PhaseTwo_RollbackFailed_Unretryable" };
        }
        this.rt.disk.delete(key);
        this.rt.disk.sync();
        return { status: "PhaseTwo_Rollbacked" };
      }
      this.store.write(undo.resource, undo.before, undo.txn, true);
      this.rt.disk.delete(key);
      this.rt.disk.sync();
      this.rt.record("at-branch-rollback", { xid: b.xid, txn: undo.txn, resource: undo.resource, status: "PhaseTwo_Rollbacked" });
      this.publish();
      return { status: "PhaseTwo_Rollbacked" };
    } finally {
      this.locks.release(b.resource, owner);
    }
  }

  private async select(resource: string, forUpdate: boolean, reader: string): Promise<{ value: number }> {
    if (!forUpdate) return { value: this.store.read(resource, null) };
    const owner = `${reader}#select-for-update`;
    for (let attempt = 0; ; attempt++) {
      if (!(await this.locks.acquire(resource, owner, this.lockWait))) throw atError("LockWaitTimeout", `Lock wait timeout exceeded on ${resource}`);
      let status: GlobalStatus | undefined;
      try {
        const q = await this.rt.call<{ lockable: boolean; holderStatus?: GlobalStatus }>(this.tc, AT_MSG.lockQuery, { resource }, { timeout: this.rmTimeout });
        if (q.lockable) return { value: this.store.read(resource, null) };
        status = q.holderStatus;
      } finally {
        this.locks.release(resource, owner);
      }
      if (attempt >= this.o["client.rm.lock.retryTimes"]) throw atError("LockConflict", `Global lock wait timeout on ${resource} (held by a transaction in ${status ?? "Begin"})`);
      await this.rt.sleep(this.o["client.rm.lock.retryInterval"] * MS);
    }
  }

  private async localUpdate(resource: string, delta: number, writer: string): Promise<{ value: number }> {
    const owner = `${writer}#local`;
    if (!(await this.locks.acquire(resource, owner, this.lockWait))) throw atError("LockWaitTimeout", `Lock wait timeout exceeded on ${resource}`);
    try {
      await this.rt.sleep(this.o.serviceTime);
      const after = this.store.get(resource) + delta;
      this.store.write(resource, after, null);
      this.publish();
      return { value: after };
    } finally {
      this.locks.release(resource, owner);
    }
  }

  private publish(): void {
    this.rt.publish<{ service: string; rows: Record<string, number>; undoLogs: number }>((p) => {
      p.service = this.service;
      p.rows = Object.fromEntries(this.store.entries());
      p.undoLogs = this.rt.disk.keys("undo/").length;
    });
  }
}
