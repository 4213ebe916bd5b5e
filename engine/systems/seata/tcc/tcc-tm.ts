import { MS } from "../../../core/time";
import { CallError, type ProcessFactory, type Runtime } from "../../../node/runtime-api";
import { readOptions } from "../../../options/option-table";
import { badConfig, checkKeys } from "../../../options/option-values";
import { PLACE_ORDER_OPTIONS } from "../business/business-options";
import { runPlaceOrders, type TxnResult } from "../business/business-client";
import { branchOps, type PlaceOrder } from "../business/place-order";
import {
  TCC_MSG, type ActionContext, type BranchRegisterBody, type BranchRegisterReply, type GlobalBeginReply, type GlobalEndReply,
} from "./tcc-messages";
import { TCC_TM_OPTIONS, type TccTmOptions } from "./tcc-options";
import { TCC_KIND } from "./tcc-kinds";

const KEYS = ["server", "order", "stock", "payment", ...Object.keys(PLACE_ORDER_OPTIONS), ...Object.keys(TCC_TM_OPTIONS)];

/** Why a call failed, in a few words for the outcome's reason. */
function why(e: unknown): string {
  if (e instanceof CallError) return e.code === "remote" ? e.message : `${e.type} to ${e.to}: ${e.code}`;
  return e instanceof Error ? e.message : String(e);
}

/** An address from the config, or the one process of that kind (named or placed after the service). */
function addressOf(rt: Runtime, given: unknown, kind: string, name: string | null, where: string, field: string): string {
  if (typeof given === "string" && given.includes("/")) return given;
  if (given !== undefined && given !== null) badConfig(where, field, "a process address (node/process)", given);
  const found = rt.directory().filter((p) => p.kind === kind && (name === null || p.process === name || p.node === name));
  if (found.length !== 1) badConfig(where, field, `the ${kind} process's address (the run has ${found.length} that fit, so it cannot be chosen for you)`, given);
  return found[0].address;
}

/**
 * The business application in TCC mode: a `@GlobalTransactional` "place order" method and
 * Seata's TM, over the shared place-order client (business-client.ts). Each order begins a
 * global transaction at the TC; then for the order, stock and payment actions in turn the
 * action's proxy registers a branch at the TC and calls the service's Try (Seata's
 * TccActionInterceptor registers the branch on the caller's side before it invokes the remote
 * Try [SEATA-TCC]). When every Try answered, the TM asks the TC to commit; when one was refused
 * or did not answer within `rpcTimeout`, to roll back. The TC then drives Confirm or Cancel.
 *
 * Registering before calling is what makes the two classic failures possible: a Try that is
 * lost leaves a registered branch that the rollback will Cancel (an empty rollback), and a Try
 * that is only late arrives after that Cancel (suspension).
 */
export const tccTm: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  const c = config ?? {};
  const where = `${TCC_KIND.business} ${rt.address}`;
  checkKeys(c, KEYS, where);
  const o = readOptions(TCC_TM_OPTIONS, c, where);
  const orders = readOptions(PLACE_ORDER_OPTIONS, c, where);
  const tc = addressOf(rt, c.server, TCC_KIND.server, null, where, "server");
  const services = Object.fromEntries((["order", "stock", "payment"] as const).map((s) => [s, addressOf(rt, c[s], TCC_KIND.service, s, where, s)]));
  return runPlaceOrders(rt, orders, "tcc", (order) => placeOrder(rt, o, tc, services, order));
};

async function placeOrder(rt: Runtime, o: TccTmOptions, tc: string, services: Record<string, string>, order: PlaceOrder): Promise<TxnResult> {
  const tmTimeout = o["transport.rpcTmRequestTimeout"] * MS;
  let xid: string;
  try {
    xid = (await rt.call<GlobalBeginReply>(tc, TCC_MSG.globalBegin, { timeoutMills: o["client.tm.defaultGlobalTransactionTimeout"], txn: order.txn }, { timeout: tmTimeout })).xid;
  } catch (e) {
    return { outcome: "rolled-back", reason: `the global transaction could not begin: ${why(e)}` };
  }
  let failed: string | null = null;
  for (const op of branchOps(order)) {
    const resourceId = services[op.service];
    try {
      const body: BranchRegisterBody = { xid, resourceId, context: { txn: order.txn, actionName: op.service, resource: op.resource, delta: op.delta } };
      const { branchId } = await rt.call<BranchRegisterReply>(tc, TCC_MSG.branchRegister, body, { timeout: tmTimeout });
      const ctx: ActionContext = { ...body.context, xid, branchId };
      await rt.call(resourceId, TCC_MSG.tccTry, ctx, { timeout: o.rpcTimeout * MS });
    } catch (e) {
      failed = `${op.service} Try failed: ${why(e)}`;
      break;
    }
  }
  const decision = failed === null ? TCC_MSG.globalCommit : TCC_MSG.globalRollback;
  try {
    const { status } = await rt.call<GlobalEndReply>(tc, decision, { xid }, { timeout: tmTimeout });
    const committed = status === "Committed" || status === "Committing" || status === "CommitRetrying";
    return committed ? { outcome: "committed" } : { outcome: "rolled-back", reason: failed ?? `the TC answered ${status}` };
  } catch (e) {
    return { outcome: "unknown", reason: `no answer from the TC to ${decision}: ${why(e)}` };
  }
}
