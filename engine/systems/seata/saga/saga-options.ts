import { MS, SECOND } from "../../../core/time";
import type { OptionTable, OptionValues } from "../../../options/option-table";

/**
 * The saga orchestrator's options: the "place order" workload, the service calls' timeout, and
 * how a compensation that fails is retried. Seata's saga engine retries the compensation of a
 * rolling-back saga from its server, every `server.recovery.rollbackingRetryPeriod` (1000 ms)
 * and, with `server.maxRollbackRetryTimeout` -1, for ever [SEATA-CONF]; the names and defaults
 * here are those.
 */
export const SAGA_ORCHESTRATOR_OPTIONS = {
  count: { type: "int", default: 20, min: 0, description: "How many orders to place." },
  rate: { type: "rate", default: 5, description: "Orders per second, above 0; Poisson unless the workload's arrival is constant." },
  quantity: { type: "int", default: 1, min: 1, description: "Units of the item one order buys." },
  price: { type: "int", default: 10, min: 0, description: "What one unit costs; an order debits quantity × price." },
  stepTimeout: { type: "duration", default: 1 * SECOND, description: "How long the orchestrator waits for a forward step or a compensation (the RPC's timeout); a forward step that times out is compensated too, since it may have run.", source: "Dubbo reference timeout (1000 ms)" },
  rollbackingRetryPeriod: { type: "int", default: 1000, min: 1, description: "Milliseconds between two attempts of a compensation that failed or timed out.", source: "server.recovery.rollbackingRetryPeriod" },
  maxRollbackRetryTimeout: { type: "int", default: -1, min: -1, description: "Milliseconds after the saga began past which a failing compensation is given up; -1: never.", source: "server.maxRollbackRetryTimeout" },
  stopAt: { type: "duration", default: null, nullable: true, description: "Place no order after this time; null: none." },
} as const satisfies OptionTable;

/** The orchestrator's options, read. */
export type SagaOrchestratorOptions = OptionValues<typeof SAGA_ORCHESTRATOR_OPTIONS>;

/**
 * A saga participant's options. Forward steps commit locally at once (Seata: "one-phase commits
 * local transaction, no locks"), and so does each compensation. `compensation` says how the
 * service undoes its step: `inverse` applies the opposite change (give the units back), which
 * is what Seata's docs' compensateReduce does; `before-image` writes back the value it saw
 * before its step, which loses whatever another saga changed in between.
 */
export const SAGA_SERVICE_OPTIONS = {
  resource: { type: "enum", default: "stock", values: ["order", "stock", "payment"], description: "The business service: order rows, one item's stock, or the customers' accounts." },
  initial: { type: "int", default: 100, min: 0, description: "Units in stock, or each customer's balance unless `balances` names it (the order service has no limit)." },
  compensation: { type: "enum", default: "inverse", values: ["inverse", "before-image"], description: "How a compensation undoes its step: the opposite change, or writing back the value seen before the step." },
  processingTime: { type: "duration", default: 0, description: "How long the business method takes before its local transaction (a payment gateway's call, say)." },
  localCommitLatency: { type: "duration", default: 1 * MS, description: "How long the local transaction takes to commit; a crash before the end loses it." },
} as const satisfies OptionTable;

/** A saga participant's options, read. */
export type SagaServiceOptions = OptionValues<typeof SAGA_SERVICE_OPTIONS>;
