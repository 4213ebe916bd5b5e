import { MS } from "../../../core/time";
import type { ProcessFactory, Runtime } from "../../../node/runtime-api";
import { CallError } from "../../../node/runtime-api";
import { checkKeys } from "../../../options/option-values";
import { readOptions } from "../../../options/option-table";
import { PLACE_ORDER_OPTIONS } from "../business/business-options";
import { runPlaceOrders } from "../business/business-client";
import type { TxnResult } from "../business/business-client";
import { branchOps } from "../business/place-order";
import type { PlaceOrder } from "../business/place-order";
import { AT_KIND, AT_MSG } from "./at-messages";
import type { AtError, BranchCall, GlobalStatus } from "./at-messages";
import { AT_TM_OPTIONS } from "./at-options";
import type { AtTmOptions } from "./at-options";
import { serverAddress, serviceAddress } from "./server-address";

const KEYS = ["server", "order", "stock", "payment", ...Object.keys(PLACE_ORDER_OPTIONS), ...Object.keys(AT_TM_OPTIONS)];

/** Why a call failed, in a word for the outcome's reason. */
function why(e: unknown): string {
  if (e instanceof CallError) {
    if (e.code === "remote") {
      const d = e.detail as AtError | undefined;
      return d?.message ?? e.message;
    }
    return `${e.type} to ${e.to}: ${e.code}`;
  }
  return e instanceof Error ? e.message : String(e);
}

/**
 * The business application in AT mode: a @GlobalTransactional "place order" method and
 * Seata's transaction manager (TM) [SEATA-AT]. Each transaction begins a global transaction
 * at the TC (with client.tm.defaultGlobalTransactionTimeout), calls the order, stock and
 * payment services in turn with the xid (each runs its phase one and commits locally), and
 * asks the TC to commit when all three succeeded or to roll back when one failed — refused by
 * its business rule, a global lock it could not get, or no answer within `rpcTimeout` (a
 * service down or cut off). Commit and rollback requests the TC does not answer are retried
 * (client.tm.commitRetryCount, client.tm.rollbackRetryCount). The outcome it records is the
 * TC's last word: Committed; Rollbacked (or still RollbackRetrying at the TC, which goes on
 * alone: the method has thrown either way); RollbackFailed (a dirty write stopped it);
 * unknown when the TC never answered.
 */
export const atBusiness: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  const c = config ?? {};
  const where = `${AT_KIND.business} ${rt.address}`;
  checkKeys(c, KEYS, where);
  const o = readOptions(AT_TM_OPTIONS, c, where);
  const orders = readOptions(PLACE_ORDER_OPTIONS, c, where);
  const tc = serverAddress(rt, c.server, where);
  const services = { order: serviceAddress(rt, "order", c.order, where), stock: serviceAddress(rt, "stock", c.stock, where), payment: serviceAddress(rt, "payment", c.payment, where) };
  return runPlaceOrders(rt, orders, "at", (order) => placeOrder(rt, o, tc, services, order));
};

async function placeOrder(rt: Runtime, o: AtTmOptions, tc: string, services: Record<string, string>, order: PlaceOrder): Promise<TxnResult> {
  const tmTimeout = o["transport.rpcTmRequestTimeout"] * MS;
  let xid: string;
  try {
    xid = (await rt.call<{ xid: string }>(tc, AT_MSG.globalBegin, { txn: order.txn, timeout: o["client.tm.defaultGlobalTransactionTimeout"] }, { timeout: tmTimeout })).xid;
  } catch (e) {
    return { outcome: "rolled-back", reason: `GlobalBegin failed: ${why(e)}` };
  }
  let failure: string | null = null;
  for (const op of branchOps(order)) {
    try {
      const body: BranchCall = { xid, txn: order.txn, op };
      await rt.call(services[op.service], AT_MSG.branch, body, { timeout: o.rpcTimeout * MS });
    } catch (e) {
      failure = `${op.service}: ${why(e)}`;
      break;
    }
  }
  const ask = async (type: string, retries: number): Promise<GlobalStatus | null> => {
    for (let i = 0; i <= retries; i++) {
      try {
        return (await rt.call<{ status: GlobalStatus }>(tc, type, { xid }, { timeout: tmTimeout })).status;
      } catch {
        // The TC did not answer: ask again, as the TM's retry does.
      }
    }
    return null;
  };
  if (failure === null) {
    const status = await ask(AT_MSG.globalCommit, o["client.tm.commitRetryCount"]);
    if (status === "Committed" || status === "AsyncCommitting") return { outcome: "committed" };
    if (status === null) return { outcome: "unknown", reason: "GlobalCommit: the TC did not answer" };
    return { outcome: status.endsWith("RollbackFailed") ? "rollback-failed" : "rolled-back", reason: `the TC had ${status} the transaction (its timeout)` };
  }
  const status = await ask(AT_MSG.globalRollback, o["client.tm.rollbackRetryCount"]);
  if (status === null) return { outcome: "unknown", reason: `${failure}; GlobalRollback: the TC did not answer` };
  if (status.endsWith("RollbackFailed")) return { outcome: "rollback-failed", reason: `${failure}; ${status}` };
  if (status === "Committed" || status === "AsyncCommitting") return { outcome: "committed", reason: failure };
  return { outcome: "rolled-back", reason: status.endsWith("Rollbacked") ? failure : `${failure}; ${status} at the TC` };
}
