import { MS } from "../../../core/time";
import type { OptionTable, OptionValues } from "../../../options/option-table";

/**
 * The Seata server's (TC's) options as it drives TCC branches, under the keys of Seata's
 * `config.txt` and in its unit, milliseconds, with its defaults [SEATA-CONF]. A retry timeout of
 * -1 means "retry for ever", Seata's default: phase two of a TCC transaction is retried until
 * every branch answers. (The AT side of the TC is `seata-server`, engine/systems/seata/at/.)
 */
export const SEATA_TCC_SERVER_OPTIONS = {
  "server.recovery.committingRetryPeriod": { type: "int", default: 1000, min: 1, description: "Milliseconds between two rounds of retrying the Confirm (commitMethod) of branches that did not answer PhaseTwo_Committed.", source: "server.recovery.committingRetryPeriod" },
  "server.recovery.rollbackingRetryPeriod": { type: "int", default: 1000, min: 1, description: "Milliseconds between two rounds of retrying the Cancel (rollbackMethod) of branches that did not answer PhaseTwo_Rollbacked.", source: "server.recovery.rollbackingRetryPeriod" },
  "server.recovery.timeoutRetryPeriod": { type: "int", default: 1000, min: 1, description: "Milliseconds between two scans for global transactions past their timeout, which the TC then rolls back.", source: "server.recovery.timeoutRetryPeriod" },
  "server.maxCommitRetryTimeout": { type: "int", default: -1, min: -1, description: "Milliseconds after the global transaction began past which the TC stops retrying Confirm; -1: never stops.", source: "server.maxCommitRetryTimeout" },
  "server.maxRollbackRetryTimeout": { type: "int", default: -1, min: -1, description: "Milliseconds after the global transaction began past which the TC stops retrying Cancel; -1: never stops.", source: "server.maxRollbackRetryTimeout" },
  "transport.rpcTcRequestTimeout": { type: "int", default: 30_000, min: 1, description: "Milliseconds the TC waits for a branch's answer to a phase-two request before it counts the attempt as failed and retries it.", source: "transport.rpcTcRequestTimeout" },
  storeLatency: { type: "duration", default: 1 * MS, description: "How long writing a global or branch session to the TC's store (store.mode=db) takes." },
} as const satisfies OptionTable;

/** The TC's options, read. */
export type SeataTccServerOptions = OptionValues<typeof SEATA_TCC_SERVER_OPTIONS>;

/**
 * A TCC branch service's own options (beside the shared business data, BUSINESS_DATA_OPTIONS):
 * whether its `@TwoPhaseBusinessAction` sets `useTCCFence` (false by default in Seata, as here)
 * [SEATA-TCC], and how long one of its local transactions takes.
 */
export const TCC_SERVICE_OPTIONS = {
  useTCCFence: { type: "bool", default: false, description: "Run Try, Confirm and Cancel through the tcc_fence_log table, in the same local transaction as the business change: idempotent phase two, empty rollback allowed, suspension refused.", source: "@TwoPhaseBusinessAction(useTCCFence = true)" },
  serviceTime: { type: "duration", default: 2 * MS, description: "How long one Try, Confirm or Cancel takes, its local transaction's commit included; a crash before the end loses all of it." },
} as const satisfies OptionTable;

/** A TCC service's options, read. */
export type TccServiceOptions = OptionValues<typeof TCC_SERVICE_OPTIONS>;

/**
 * The business application's options in TCC mode (beside the shared PLACE_ORDER_OPTIONS): the
 * TM's timeouts [SEATA-CONF] and the RPC's (Dubbo's 1000 ms consumer timeout) for each Try.
 */
export const TCC_TM_OPTIONS = {
  "client.tm.defaultGlobalTransactionTimeout": { type: "int", default: 60_000, min: 1, description: "Milliseconds a global transaction may run before the TC rolls it back (@GlobalTransactional's timeoutMills when not given).", source: "client.tm.defaultGlobalTransactionTimeout" },
  "transport.rpcTmRequestTimeout": { type: "int", default: 30_000, min: 1, description: "Milliseconds the TM waits for the TC's answer to begin, branch register, commit or rollback.", source: "transport.rpcTmRequestTimeout" },
  rpcTimeout: { type: "int", default: 1000, min: 1, description: "Milliseconds the business waits for a Try (Dubbo's consumer timeout); then it rolls the global transaction back.", source: "Dubbo <dubbo:consumer timeout>" },
} as const satisfies OptionTable;

/** The TM's options, read. */
export type TccTmOptions = OptionValues<typeof TCC_TM_OPTIONS>;
