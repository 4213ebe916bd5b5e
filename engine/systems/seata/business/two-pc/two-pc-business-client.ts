import { MS, SECOND } from "../../../../core/time";
import type { ProcessFactory, Runtime } from "../../../../node/runtime-api";
import type { OptionTable, OptionValues } from "../../../../options/option-table";
import { readOptions } from "../../../../options/option-table";
import { badConfig, checkKeys } from "../../../../options/option-values";
import { MSG } from "../../../commit/messages";
import type { ClientReplyBody } from "../../../commit/messages";
import { PLACE_ORDER_OPTIONS } from "../business-options";
import { runPlaceOrders } from "../business-client";
import type { TxnResult } from "../business-client";
import { branchOps } from "../place-order";
import type { PlaceOrder } from "../place-order";
import { TWO_PC_BUSINESS_PARTICIPANT } from "./two-pc-business-participant";

/** The kind's name. */
export const TWO_PC_BUSINESS_CLIENT = "2pc-business-client";

/** The client's 2PC options: the commit client's, with the same defaults. */
export const TWO_PC_BUSINESS_CLIENT_OPTIONS = {
  workTime: { type: "duration", default: 5 * MS, description: "Between sending the work to the participants and asking the coordinator to commit." },
  commitTimeout: { type: "duration", default: 2 * SECOND, description: "How long the commit request may take before the client asks for the outcome." },
  statusInterval: { type: "duration", default: 500 * MS, min: 1, description: "Between outcome inquiries." },
  statusAttempts: { type: "int", default: 120, min: 0, description: "Most outcome inquiries per transaction; then the outcome is unknown." },
} as const satisfies OptionTable;

type ClientOptions = OptionValues<typeof TWO_PC_BUSINESS_CLIENT_OPTIONS>;

/**
 * The place-order business transaction over the commit family's 2PC: the client sends each
 * branch service (a `2pc-business-participant`) its operation as the transaction's work, waits
 * `workTime`, and asks the unchanged `2pc-coordinator` to commit, as the commit family's client
 * does; when the request fails it keeps asking for the outcome. Committed or aborted is what it
 * records, in the shared shape (business-client.ts); no answer in time is unknown.
 */
export const twoPcBusinessClient: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  const c = config ?? {};
  const where = `${TWO_PC_BUSINESS_CLIENT} ${rt.address}`;
  checkKeys(c, ["coordinator", "order", "stock", "payment", ...Object.keys(PLACE_ORDER_OPTIONS), ...Object.keys(TWO_PC_BUSINESS_CLIENT_OPTIONS)], where);
  const o = readOptions(TWO_PC_BUSINESS_CLIENT_OPTIONS, c, where);
  const find = (kind: string, name: string, given: unknown): string => {
    if (typeof given === "string" && given.includes("/")) return given;
    const p = rt.directory().find((d) => d.kind === kind && (d.process === name || d.node === name || name === ""));
    return p ? p.address : badConfig(where, name || "coordinator", `an address (no ${kind} ${name ? `named ${name} ` : ""}in the run)`, given);
  };
  const coordinator = find("2pc-coordinator", "", c.coordinator);
  const services = { order: find(TWO_PC_BUSINESS_PARTICIPANT, "order", c.order), stock: find(TWO_PC_BUSINESS_PARTICIPANT, "stock", c.stock), payment: find(TWO_PC_BUSINESS_PARTICIPANT, "payment", c.payment) };
  return runPlaceOrders(rt, readOptions(PLACE_ORDER_OPTIONS, c, where), "2pc", (order) => placeOrder(rt, o, coordinator, services, order));
};

async function placeOrder(rt: Runtime, o: ClientOptions, coordinator: string, services: Record<string, string>, order: PlaceOrder): Promise<TxnResult> {
  const ops = branchOps(order);
  const participants = ops.map((op) => services[op.service]);
  for (const op of ops) rt.send(services[op.service], MSG.work, { txn: order.txn, coordinator, participants, op });
  await rt.sleep(o.workTime);
  const body = { txn: order.txn, participants };
  const told = (r: ClientReplyBody): TxnResult | null =>
    r.outcome === "commit" ? { outcome: "committed" } : r.outcome === "abort" ? { outcome: "rolled-back", reason: "the coordinator decided abort" } : null;
  try {
    const r = told(await rt.call<ClientReplyBody>(coordinator, MSG.commitTxn, body, { timeout: o.commitTimeout }));
    if (r) return r;
  } catch {
    // No answer: ask for the outcome below.
  }
  for (let i = 0; i < o.statusAttempts; i++) {
    await rt.sleep(o.statusInterval);
    try {
      const r = told(await rt.call<ClientReplyBody>(coordinator, MSG.txnStatus, body, { timeout: o.statusInterval }));
      if (r) return { ...r, reason: r.reason ?? "learned by asking after the commit request failed" };
    } catch {
      // Still no answer.
    }
  }
  return { outcome: "unknown", reason: "the coordinator did not answer" };
}
