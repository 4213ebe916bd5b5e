import type { Message, ProcessFactory } from "../../../node/runtime-api";
import { checkKeys } from "../../../options/option-values";
import { readOptions } from "../../../options/option-table";
import { AccountTable, amountFor, type Account } from "./tcc-account";
import { FenceLog, type FenceDecision } from "./fence-log";
import { TCC_MSG, type ActionContext, type PhaseTwoReply } from "./tcc-messages";
import { TCC_SERVICE_OPTIONS } from "./tcc-options";
import { TCC_EVENTS, type TccPhase } from "./tcc-events";

/** What the state panel shows of a TCC service. */
interface ServiceState {
  resource: string;
  useTCCFence: boolean;
  account: Account;
}

/**
 * A business service with one TCC action (the RM side of Seata's TCC mode): `tcc-try` is the
 * `@TwoPhaseBusinessAction` method, `branch-commit` its commitMethod (Confirm) and
 * `branch-rollback` its rollbackMethod (Cancel). Each runs as one local transaction on the
 * service's disk: the business change (and, with `useTCCFence`, the tcc_fence_log row) is
 * written and then committed, which takes `localCommitLatency`; a crash before the commit ends
 * loses all of it, and the caller hears nothing. The answer leaves only after the commit.
 *
 * History: `tcc-phase` {txn, branch, action, phase, effect: applied | skipped | refused, fence,
 * why, n, free, frozen, done}, recorded once the local transaction is durable, so it says
 * what the data holds. Metrics: `tcc.<phase>.<effect>`.
 */
export const tccService: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  const where = `tcc-service ${rt.address}`;
  checkKeys(config, Object.keys(TCC_SERVICE_OPTIONS), where);
  const o = readOptions(TCC_SERVICE_OPTIONS, config, where);
  const table = new AccountTable(rt.disk, o.resource, o.initial);
  const fence = new FenceLog(rt.disk);
  const publish = (a: Account) => rt.publish<ServiceState>((s) => { s.resource = o.resource; s.useTCCFence = o.useTCCFence; s.account = { ...a }; });

  const commitLocal = async () => {
    await rt.sleep(o.localCommitLatency);
    rt.disk.sync();
  };

  const record = (ctx: ActionContext, phase: TccPhase, effect: "applied" | "skipped" | "refused", a: Account, d: FenceDecision | null, why?: string) => {
    rt.record(TCC_EVENTS.phase, {
      txn: ctx.xid, branch: ctx.branchId, action: o.resource, phase, effect,
      fence: d ? (d.write ?? d.was) : null, why: why ?? d?.why ?? null,
      n: amountFor(o.resource, ctx.quantity, ctx.amount), free: a.free, frozen: a.frozen, done: a.done,
    });
    rt.metrics.count(`tcc.${phase}.${effect}`);
    publish(a);
  };

  /** Phase one: reserve, or refuse (the TM then rolls the global transaction back). */
  const tryPhase = async (ctx: ActionContext): Promise<{ ok: true }> => {
    const n = amountFor(o.resource, ctx.quantity, ctx.amount);
    const d = o.useTCCFence ? fence.prepare(ctx.xid, ctx.branchId) : null;
    if (d && !d.run) {
      record(ctx, "try", "refused", table.read(), d);
      throw new Error(`TCCFenceException: ${d.why} (xid ${ctx.xid}, branch ${ctx.branchId})`);
    }
    const no = table.refuses(n);
    if (no !== null) {
      record(ctx, "try", "refused", table.read(), null, no);
      throw new Error(no);
    }
    if (d) fence.apply(ctx.xid, ctx.branchId, d);
    const a = table.try(n);
    await commitLocal();
    record(ctx, "try", "applied", a, d);
    return { ok: true };
  };

  /** Phase two: Confirm or Cancel, as the TC asks; the answer is Seata's branch status. */
  const phaseTwo = async (ctx: ActionContext, phase: "confirm" | "cancel"): Promise<PhaseTwoReply> => {
    const n = amountFor(o.resource, ctx.quantity, ctx.amount);
    const done = phase === "confirm" ? "PhaseTwo_Committed" : "PhaseTwo_Rollbacked";
    const retry = phase === "confirm" ? "PhaseTwo_CommitFailed_Retryable" : "PhaseTwo_RollbackFailed_Retryable";
    if (!o.useTCCFence) {
      const a = phase === "confirm" ? table.confirm(n) : table.cancel(n);
      await commitLocal();
      record(ctx, phase, "applied", a, null);
      return { status: done };
    }
    const d = phase === "confirm" ? fence.commit(ctx.xid, ctx.branchId) : fence.rollback(ctx.xid, ctx.branchId);
    fence.apply(ctx.xid, ctx.branchId, d);
    const a = d.run ? (phase === "confirm" ? table.confirm(n) : table.cancel(n)) : table.read();
    if (d.write !== null) await commitLocal();
    record(ctx, phase, d.run ? "applied" : d.ok ? "skipped" : "refused", a, d);
    return { status: d.ok ? done : retry };
  };

  return {
    start() {
      publish(table.read());
    },
    request(req: Message) {
      const ctx = req.body as ActionContext;
      if (req.type === TCC_MSG.tccTry) return tryPhase(ctx);
      if (req.type === TCC_MSG.branchCommit) return phaseTwo(ctx, "confirm");
      if (req.type === TCC_MSG.branchRollback) return phaseTwo(ctx, "cancel");
      throw new Error(`${where} serves ${TCC_MSG.tccTry}, ${TCC_MSG.branchCommit} and ${TCC_MSG.branchRollback}, not "${req.type}"`);
    },
  };
};
