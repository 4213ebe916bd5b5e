import type { Message, ProcessFactory, Runtime } from "../../../node/runtime-api";
import { checkKeys } from "../../../options/option-values";
import { readOptions } from "../../../options/option-table";
import { BUSINESS_DATA_OPTIONS } from "../business/business-options";
import { BUSINESS_RECORD } from "../business/business-records";
import { BUSINESS_READ } from "../business/business-reader";
import { BusinessStore } from "../business/business-store";
import { refusal, type BranchService } from "../business/place-order";
import { FenceLog, type FenceDecision } from "./fence-log";
import { FrozenTable } from "./frozen-table";
import { TCC_MSG, type ActionContext, type PhaseTwoReply } from "./tcc-messages";
import { TCC_SERVICE_OPTIONS, type TccServiceOptions } from "./tcc-options";
import { TCC_EVENTS, type TccPhase } from "./tcc-events";
import { openBranchStore } from "../business/branch-store";

const KEYS = ["service", ...Object.keys(BUSINESS_DATA_OPTIONS), ...Object.keys(TCC_SERVICE_OPTIONS)];

/** What the state panel shows of a TCC service. */
interface ServicePanel {
  service: string;
  useTCCFence: boolean;
  rows: Record<string, { value: number; frozen: number }>;
}

type Effect = "applied" | "skipped" | "refused";

/**
 * A branch service (order, stock or payment) with one TCC action: the RM side of Seata's TCC
 * mode [SEATA-TCC]. `tcc-try` is the `@TwoPhaseBusinessAction` method: it checks the business
 * rule against what is free (the row minus what is frozen) and freezes the order's part.
 * `branch-commit` is its commitMethod (Confirm): it applies the change to the business row and
 * unfreezes. `branch-rollback` is its rollbackMethod (Cancel): it unfreezes. Each runs as one
 * local transaction: it takes `serviceTime`, then everything it changed (the business row, the
 * frozen table, and with `useTCCFence` the tcc_fence_log row) commits in one sync; a crash
 * before that loses all of it and the caller hears nothing.
 *
 * Without the fence the three methods are the textbook ones, which trust the context they are
 * given: a Cancel with no Try unfreezes what was never frozen (empty rollback), a Try after its
 * Cancel freezes for a transaction that is over (suspension), and a repeated Confirm deducts
 * again (not idempotent). With `useTCCFence` they run through Seata's fence rules (fence-log.ts).
 *
 * History: `tcc-phase` {txn, xid, branch, service, resource, phase, effect: applied | skipped |
 * refused, fence, why, amount, value, frozen}, recorded once the local transaction is durable;
 * the business row changes through the shared store (`business.write`); a released reservation
 * is a `lock.held` record of kind `tcc-reservation`, a reservation made a `lock.acquired` one
 * (durable: it is on disk). A `business-read` request reads a row as a plain reader would.
 */
export const tccService: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  const c = config ?? {};
  const where = `seata-tcc-service ${rt.address}`;
  checkKeys(c, KEYS, where);
  const { service, store } = openBranchStore(rt, c, where);
  return new TccService(rt, service, readOptions(TCC_SERVICE_OPTIONS, c, where), store);
};

class TccService {
  private readonly fence: FenceLog;
  private readonly frozen: FrozenTable;

  constructor(private readonly rt: Runtime, private readonly service: BranchService, private readonly o: TccServiceOptions, private readonly store: BusinessStore) {
    this.fence = new FenceLog(rt.disk);
    this.frozen = new FrozenTable(rt.disk);
  }

  start(): void {
    this.publish();
  }

  request(req: Message): unknown {
    const ctx = req.body as ActionContext;
    if (req.type === BUSINESS_READ) return { value: this.store.read(String((req.body as { resource?: unknown }).resource), null) };
    if (req.type === TCC_MSG.tccTry) return this.tryPhase(ctx);
    if (req.type === TCC_MSG.branchCommit) return this.phaseTwo(ctx, "confirm");
    if (req.type === TCC_MSG.branchRollback) return this.phaseTwo(ctx, "cancel");
    throw new Error(`seata-tcc-service ${this.rt.address} serves ${TCC_MSG.tccTry}, ${TCC_MSG.branchCommit} and ${TCC_MSG.branchRollback}, not "${req.type}"`);
  }

  /** What the order's part reserves: units of stock, money, or one order row. */
  private amount(ctx: ActionContext): number {
    return Math.abs(ctx.delta);
  }

  /**
   * Phase one: reserve, or refuse (the TM then rolls back). The fence's decision and the
   * business check are made after the local transaction's work, in one step with its writes,
   * so that two concurrent Trys see each other's reservations.
   */
  private async tryPhase(ctx: ActionContext): Promise<{ ok: true }> {
    await this.rt.sleep(this.o.serviceTime);
    const d = this.o.useTCCFence ? this.fence.prepare(ctx.xid, ctx.branchId) : null;
    if (d && !d.run) {
      this.record(ctx, "try", "refused", d);
      throw new Error(`TCCFenceException: ${d.why} (xid ${ctx.xid}, branch ${ctx.branchId})`);
    }
    const row = this.store.get(ctx.resource);
    const f = this.frozen.frozen(ctx.resource);
    // An order row is taken by a pending Try as well as by a confirmed one.
    const no = refusal({ service: this.service, resource: ctx.resource, delta: ctx.delta }, this.service === "order" ? row + f : row - f);
    if (no !== null) {
      this.record(ctx, "try", "refused", null, no);
      throw new Error(no);
    }
    if (d) this.fence.apply(ctx.xid, ctx.branchId, d);
    this.frozen.add(ctx.resource, this.amount(ctx));
    this.frozen.reservedAt(ctx.xid, ctx.branchId, this.rt.now());
    this.rt.disk.sync();
    this.rt.record(BUSINESS_RECORD.lockAcquired, { resource: ctx.resource, txn: ctx.txn, kind: "tcc-reservation", durable: true });
    this.record(ctx, "try", "applied", d);
    return { ok: true };
  }

  /** Phase two: Confirm or Cancel, as the TC asks; the answer is Seata's branch status. */
  private async phaseTwo(ctx: ActionContext, phase: "confirm" | "cancel"): Promise<PhaseTwoReply> {
    await this.rt.sleep(this.o.serviceTime);
    const done = phase === "confirm" ? "PhaseTwo_Committed" : "PhaseTwo_Rollbacked";
    const retry = phase === "confirm" ? "PhaseTwo_CommitFailed_Retryable" : "PhaseTwo_RollbackFailed_Retryable";
    const d = !this.o.useTCCFence ? null : phase === "confirm" ? this.fence.commit(ctx.xid, ctx.branchId) : this.fence.rollback(ctx.xid, ctx.branchId);
    if (d && !d.run) {
      this.fence.apply(ctx.xid, ctx.branchId, d);
      this.rt.disk.sync();
      this.record(ctx, phase, d.ok ? "skipped" : "refused", d);
      return { status: d.ok ? done : retry };
    }
    if (d) this.fence.apply(ctx.xid, ctx.branchId, d);
    this.frozen.add(ctx.resource, -this.amount(ctx));
    const since = this.frozen.whenReserved(ctx.xid, ctx.branchId);
    // The store's write syncs: the fence row, the frozen table and the business row commit together.
    if (phase === "confirm") this.store.write(ctx.resource, this.store.get(ctx.resource) + ctx.delta, ctx.txn);
    else this.rt.disk.sync();
    if (since !== null) this.rt.record(BUSINESS_RECORD.lockHeld, { resource: ctx.resource, txn: ctx.txn, from: since, to: this.rt.now(), kind: "tcc-reservation" });
    this.record(ctx, phase, "applied", d);
    return { status: done };
  }

  private record(ctx: ActionContext, phase: TccPhase, effect: Effect, d: FenceDecision | null, why?: string): void {
    this.rt.record(TCC_EVENTS.phase, {
      txn: ctx.txn, xid: ctx.xid, branch: ctx.branchId, service: this.service, resource: ctx.resource, phase, effect,
      fence: d ? (d.write ?? d.was) : null, why: why ?? d?.why ?? null,
      amount: this.amount(ctx), value: this.store.get(ctx.resource), frozen: this.frozen.frozen(ctx.resource),
    });
    this.rt.metrics.count(`tcc.${phase}.${effect}`);
    this.publish();
  }

  private publish(): void {
    this.rt.publish<ServicePanel>((s) => {
      s.service = this.service;
      s.useTCCFence = this.o.useTCCFence;
      s.rows = {};
      for (const [resource, value] of this.store.entries()) s.rows[resource] = { value, frozen: this.frozen.frozen(resource) };
    });
  }
}
