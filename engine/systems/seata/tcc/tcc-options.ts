import { MS, SECOND } from "../../../core/time";
import type { OptionTable, OptionValues } from "../../../options/option-table";
import { defaultsOf } from "../../../options/option-table";

/**
 * The Seata transaction coordinator's (TC, `seata-server`) options, named after the keys of
 * Seata's `config.txt` with the prefix dropped (`server.recovery.committingRetryPeriod` becomes
 * `committingRetryPeriod`) and in its unit, milliseconds, with its defaults [SEATA-CONF]. A
 * retry timeout of -1 means "retry for ever", which is Seata's default: phase two of a TCC
 * transaction is retried until every branch answers.
 */
export const SEATA_TC_OPTIONS = {
  committingRetryPeriod: { type: "int", default: 1000, min: 1, description: "Milliseconds between two rounds of retrying the Confirm (commitMethod) of branches that did not answer PhaseTwo_Committed.", source: "server.recovery.committingRetryPeriod" },
  rollbackingRetryPeriod: { type: "int", default: 1000, min: 1, description: "Milliseconds between two rounds of retrying the Cancel (rollbackMethod) of branches that did not answer PhaseTwo_Rollbacked.", source: "server.recovery.rollbackingRetryPeriod" },
  timeoutRetryPeriod: { type: "int", default: 1000, min: 1, description: "Milliseconds between two scans for global transactions past their timeout, which the TC then rolls back.", source: "server.recovery.timeoutRetryPeriod" },
  maxCommitRetryTimeout: { type: "int", default: -1, min: -1, description: "Milliseconds after the global transaction began past which the TC stops retrying Confirm; -1: never stops.", source: "server.maxCommitRetryTimeout" },
  maxRollbackRetryTimeout: { type: "int", default: -1, min: -1, description: "Milliseconds after the global transaction began past which the TC stops retrying Cancel; -1: never stops.", source: "server.maxRollbackRetryTimeout" },
  rpcTcRequestTimeout: { type: "int", default: 30_000, min: 1, description: "Milliseconds the TC waits for a branch's answer to a phase-two request before it counts the attempt as failed and retries it.", source: "transport.rpcTcRequestTimeout" },
  storeLatency: { type: "duration", default: 1 * MS, description: "How long writing a global or branch session to the TC's store (store.mode=db) takes." },
} as const satisfies OptionTable;

/** The TC's options, read. */
export type SeataTcOptions = OptionValues<typeof SEATA_TC_OPTIONS>;

/**
 * A TCC participant's options: which business resource it holds, how much of it, and whether
 * its `@TwoPhaseBusinessAction` sets `useTCCFence` (false by default in Seata, as here) [SEATA-TCC].
 */
export const TCC_SERVICE_OPTIONS = {
  resource: { type: "enum", default: "stock", values: ["order", "stock", "payment"], description: "The business service: the order service (order rows), the stock service (units of one item) or the payment service (one account's balance)." },
  initial: { type: "int", default: 100, min: 0, description: "Units in stock or money in the account at the first start (the order service has no limit)." },
  useTCCFence: { type: "bool", default: false, description: "Run Try, Confirm and Cancel through the tcc_fence_log table, in the same local transaction as the business change: idempotent phase two, empty rollback allowed, suspension refused.", source: "@TwoPhaseBusinessAction(useTCCFence = true)" },
  localCommitLatency: { type: "duration", default: 1 * MS, description: "How long the service's local transaction takes to commit (its fsync); a crash before the end loses the whole local transaction." },
} as const satisfies OptionTable;

/** A TCC participant's options, read. */
export type TccServiceOptions = OptionValues<typeof TCC_SERVICE_OPTIONS>;

/**
 * The transaction manager's options (TM: the business application whose `@GlobalTransactional`
 * method places orders). `timeoutMills` is the annotation's attribute, with its default
 * [SEATA-CONF]; the Try call's timeout is the RPC framework's (Dubbo's 1000 ms default).
 */
export const TCC_TM_OPTIONS = {
  count: { type: "int", default: 20, min: 0, description: "How many orders to place." },
  rate: { type: "rate", default: 5, description: "Orders per second, above 0; Poisson unless the workload's arrival is constant." },
  quantity: { type: "int", default: 1, min: 1, description: "Units of the item one order buys." },
  price: { type: "int", default: 10, min: 0, description: "What one unit costs; an order debits quantity × price." },
  timeoutMills: { type: "int", default: 60_000, min: 1, description: "Milliseconds the global transaction may run before the TC rolls it back.", source: "@GlobalTransactional(timeoutMills)" },
  tryTimeout: { type: "duration", default: 1 * SECOND, description: "How long the TM waits for a Try (the RPC's timeout); after it, the TM rolls the global transaction back.", source: "Dubbo reference timeout (1000 ms)" },
  rpcTmRequestTimeout: { type: "int", default: 30_000, min: 1, description: "Milliseconds the TM waits for the TC's answer to begin, register, commit or rollback.", source: "transport.rpcTmRequestTimeout" },
  stopAt: { type: "duration", default: null, nullable: true, description: "Place no order after this time; null: none." },
} as const satisfies OptionTable;

/** The TM's options, read. */
export type TccTmOptions = OptionValues<typeof TCC_TM_OPTIONS>;

/** The TC defaults, from the table. */
export const SEATA_TC_DEFAULTS = defaultsOf(SEATA_TC_OPTIONS);
