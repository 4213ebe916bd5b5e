import type { CheckerCatalog, ProcessCatalog } from "../../../run-options";
import { sagaOrchestrator } from "./saga-orchestrator";
import { sagaService } from "./saga-service";
import { SAGA_ORCHESTRATOR_SCHEMA, SAGA_SERVICE_SCHEMA } from "./saga-schemas";
import { sagaCompensatedInReverse, sagaNoLostUpdate } from "./checks/saga-checks";
import { SAGA_KIND } from "./saga-messages";

/** The saga mode: an orchestrator with a state machine, and the services with forward steps and compensations. */
export const sagaProcesses: ProcessCatalog = {
  [SAGA_KIND.orchestrator]: {
    factory: sagaOrchestrator, configSchema: SAGA_ORCHESTRATOR_SCHEMA,
    description: "Runs \"place order\" as an orchestrated saga: forward steps in order, compensations in reverse on failure, each retried every rollbackingRetryPeriod until it succeeds.",
  },
  [SAGA_KIND.service]: {
    factory: sagaService, configSchema: SAGA_SERVICE_SCHEMA,
    description: "A business service (order, stock or payment) in a saga: its forward step commits at once; its compensation undoes it (allows empty compensation, refuses a late step, idempotent).",
  },
};

/** The saga checkers: compensation done right, and the lost update a wrong compensation makes (dirty reads: the shared no-dirty-read). */
export const sagaCheckers: CheckerCatalog = {
  "saga-compensated-in-reverse": { factory: sagaCompensatedInReverse, description: "Every saga ends, and a rolled-back one compensated each step that ran, in reverse order." },
  "saga-no-lost-update": { factory: sagaNoLostUpdate, description: "No compensation overwrites another saga's change to the same account." },
};
