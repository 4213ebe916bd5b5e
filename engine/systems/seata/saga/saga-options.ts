import { MS } from "../../../core/time";
import type { OptionTable, OptionValues } from "../../../options/option-table";

/**
 * The saga orchestrator's own options (beside the shared PLACE_ORDER_OPTIONS): the calls'
 * timeout, and how a compensation that fails is retried. Seata retries the compensation of a
 * rolling-back saga from its server every `server.recovery.rollbackingRetryPeriod` (1000 ms)
 * and, with `server.maxRollbackRetryTimeout` -1, for ever [SEATA-CONF]; the names and defaults
 * here are those.
 */
export const SAGA_ORCHESTRATOR_OPTIONS = {
  rpcTimeout: { type: "int", default: 1000, min: 1, description: "Milliseconds the orchestrator waits for a forward step or a compensation (Dubbo's consumer timeout); a forward step that times out is compensated too, since it may have run.", source: "Dubbo <dubbo:consumer timeout>" },
  "server.recovery.rollbackingRetryPeriod": { type: "int", default: 1000, min: 1, description: "Milliseconds between two attempts of a compensation that failed or timed out.", source: "server.recovery.rollbackingRetryPeriod" },
  "server.maxRollbackRetryTimeout": { type: "int", default: -1, min: -1, description: "Milliseconds after the saga began past which a failing compensation is given up (the outcome is then rollback-failed); -1: never.", source: "server.maxRollbackRetryTimeout" },
} as const satisfies OptionTable;

/** The orchestrator's options, read. */
export type SagaOrchestratorOptions = OptionValues<typeof SAGA_ORCHESTRATOR_OPTIONS>;

/**
 * A saga participant's own options (beside the shared BUSINESS_DATA_OPTIONS). Forward steps
 * commit locally at once (Seata: "one-phase commits local transaction, no locks"), and so does
 * each compensation. `compensation` says how the service undoes its step: `inverse` applies the
 * opposite change (give the units back), as the compensateReduce of Seata's saga sample does;
 * `before-image` writes back the value its step saw before it, which loses whatever another
 * saga changed in between.
 */
export const SAGA_SERVICE_OPTIONS = {
  compensation: { type: "enum", default: "inverse", values: ["inverse", "before-image"], description: "How a compensation undoes its step: the opposite change, or writing back the value seen before the step." },
  serviceTime: { type: "duration", default: 2 * MS, description: "How long a forward step or a compensation takes before its local transaction commits (a payment gateway's call, say); a crash before the end loses it." },
} as const satisfies OptionTable;

/** A saga participant's options, read. */
export type SagaServiceOptions = OptionValues<typeof SAGA_SERVICE_OPTIONS>;
