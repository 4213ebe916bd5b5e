import type { Micros } from "../../../core/time";
import { MS, SECOND } from "../../../core/time";
import type { ProcessFactory } from "../../../node/runtime-api";
import { readOptions } from "../../../options/option-table";
import { badConfig, checkKeys } from "../../../options/option-values";
import {
  TCC_MSG, type ActionContext, type BranchRegisterBody, type BranchRegisterReply, type GlobalBeginReply, type GlobalEndReply,
} from "./tcc-messages";
import { TCC_TM_OPTIONS } from "./tcc-options";
import { TXN_EVENTS } from "./txn-records";

/** The TM's config keys beyond its options table: where things are, and what a workload entry writes. */
const PLACES = ["tc", "order", "stock", "payment", "arrival", "requests", "deadline"] as const;

/** What the TM publishes for the state panel. */
interface TmState {
  placed: number;
  committed: number;
  rolledBack: number;
  unknown: number;
}

/**
 * The business application (Seata's TM) running the "place order" global transaction in TCC
 * mode: `@GlobalTransactional` begins it at the TC, then for the order, stock and payment
 * actions in turn the action's proxy registers a branch at the TC and calls the service's Try
 * (Seata's TccActionInterceptor registers the branch on the caller's side before it invokes
 * the remote Try [SEATA-TCC]). When every Try answered, the TM asks the TC to commit; when one
 * failed or timed out, to roll back. The TC then drives Confirm or Cancel.
 *
 * This order (register, then call) is what makes the two classic failures possible: a Try that
 * is lost leaves a registered branch that the rollback will Cancel (an empty rollback), and a
 * Try that is only late arrives after that Cancel (suspension).
 *
 * History: the shared `txn-begin` / `txn-outcome` records (txn-records.ts), with mode `tcc`.
 */
export const tccTm: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  const where = `tcc-tm ${rt.address}`;
  checkKeys(config, [...Object.keys(TCC_TM_OPTIONS), ...PLACES], where);
  const c = config as Record<string, unknown> & { arrival?: { pattern: string; ratePerSecond?: number } };
  const o = readOptions(TCC_TM_OPTIONS, { ...c, count: c.requests ?? c.count, rate: c.arrival?.ratePerSecond ?? c.rate, tryTimeout: c.deadline ?? c.tryTimeout }, where);
  const address = (key: string): string => {
    const v = c[key];
    if (typeof v !== "string" || !v.includes("/")) badConfig(where, key, "a process address such as \"s/stock\"", v);
    return v;
  };
  const tc = address("tc");
  const actions = (["order", "stock", "payment"] as const).map((a) => ({ actionName: a, resourceId: address(a) }));
  const pattern = c.arrival?.pattern ?? "poisson";
  if (pattern !== "poisson" && pattern !== "constant") badConfig(where, "arrival", "poisson or constant arrivals", pattern);
  if (!(o.rate > 0)) badConfig(where, "rate", "a rate above 0", o.rate);
  const tmTimeout = o.rpcTmRequestTimeout * MS;
  let next = rt.disk.read<number>("next") ?? 0;
  const publish = (fn: (s: TmState) => void) => rt.publish<TmState>(fn);

  const finish = (orderId: string, xid: string | null, outcome: "committed" | "rolled-back" | "unknown", since: Micros, why: string) => {
    rt.record(TXN_EVENTS.outcome, { txn: xid ?? orderId, order: orderId, mode: "tcc", outcome, quantity: o.quantity, amount: o.quantity * o.price, latencyUs: rt.now() - since, why });
    rt.metrics.count(`txn.${outcome}`);
    if (outcome !== "unknown") rt.metrics.observe("txn.latency", rt.now() - since);
    publish((s) => { if (outcome === "committed") s.committed++; else if (outcome === "rolled-back") s.rolledBack++; else s.unknown++; });
  };

  const placeOrder = async (n: number) => {
    const orderId = `${rt.node}#${n}`;
    const since = rt.now();
    publish((s) => { s.placed++; });
    let xid: string;
    try {
      xid = (await rt.call<GlobalBeginReply>(tc, TCC_MSG.globalBegin, { timeoutMills: o.timeoutMills, name: "placeOrder" }, { timeout: tmTimeout })).xid;
    } catch {
      return finish(orderId, null, "rolled-back", since, "the global transaction could not begin");
    }
    rt.record(TXN_EVENTS.begin, { txn: xid, order: orderId, mode: "tcc", quantity: o.quantity, amount: o.quantity * o.price });
    let failed: string | null = null;
    for (const a of actions) {
      const context = { actionName: a.actionName, orderId, quantity: o.quantity, amount: o.quantity * o.price };
      try {
        const body: BranchRegisterBody = { xid, resourceId: a.resourceId, context };
        const { branchId } = await rt.call<BranchRegisterReply>(tc, TCC_MSG.branchRegister, body, { timeout: tmTimeout });
        const ctx: ActionContext = { ...context, xid, branchId };
        await rt.call(a.resourceId, TCC_MSG.tccTry, ctx, { timeout: o.tryTimeout });
      } catch (e) {
        failed = `${a.actionName} Try failed: ${e instanceof Error ? e.message : String(e)}`;
        break;
      }
    }
    const decision = failed === null ? TCC_MSG.globalCommit : TCC_MSG.globalRollback;
    try {
      const { status } = await rt.call<GlobalEndReply>(tc, decision, { xid }, { timeout: tmTimeout });
      const committed = status === "Committed" || status === "Committing" || status === "CommitRetrying";
      finish(orderId, xid, committed ? "committed" : "rolled-back", since, failed ?? `the TC answered ${status}`);
    } catch {
      finish(orderId, xid, "unknown", since, `no answer from the TC to ${decision}`);
    }
  };

  const arrival = () => Math.max(1, Math.round(pattern === "constant" ? SECOND / o.rate : rt.random.exponential(SECOND / o.rate)));
  const tick = () => {
    if (next >= o.count || (o.stopAt !== null && rt.now() > o.stopAt)) return;
    next++;
    rt.disk.write("next", next);
    rt.disk.sync();
    void placeOrder(next);
    if (next < o.count) rt.setTimer(arrival(), tick, "order");
  };
  return {
    start() {
      publish((s) => { s.placed = 0; s.committed = 0; s.rolledBack = 0; s.unknown = 0; });
      if (next < o.count) rt.setTimer(arrival(), tick, "order");
    },
  };
};
