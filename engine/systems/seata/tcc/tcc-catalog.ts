import type { CheckerCatalog, ProcessCatalog } from "../../../run-options";
import { seataTc } from "./seata-tc";
import { tccService } from "./tcc-service";
import { tccTm } from "./tcc-tm";
import { SEATA_TC_SCHEMA, TCC_SERVICE_SCHEMA, TCC_TM_SCHEMA } from "./tcc-schemas";
import { tccBusinessConsistent, tccIdempotentPhaseTwo, tccNoEmptyRollback, tccNoSuspension } from "./checks/tcc-checks";

/** Seata's TCC mode: the TC, the business services with their TCC actions, and the TM. */
export const tccProcesses: ProcessCatalog = {
  "seata-tc": {
    factory: seataTc, configSchema: SEATA_TC_SCHEMA,
    description: "Seata's transaction coordinator for TCC: global sessions, branch registration, phase two retried every committingRetryPeriod / rollbackingRetryPeriod until done.",
  },
  "tcc-service": {
    factory: tccService, configSchema: TCC_SERVICE_SCHEMA,
    description: "A business service (order, stock or payment) with one TCC action: Try reserves, Confirm makes final, Cancel gives back; useTCCFence runs them through tcc_fence_log.",
    profiles: {
      /** Seata 1.5's fence: `@TwoPhaseBusinessAction(useTCCFence = true)`. */
      "tcc-fence": { useTCCFence: true },
    },
  },
  "tcc-tm": {
    factory: tccTm, configSchema: TCC_TM_SCHEMA,
    description: "The business application (TM) placing orders as TCC global transactions: register a branch, call its Try, then commit or roll back at the TC.",
  },
};

/** The TCC checkers: the three classic failures, and the business data's consistency. */
export const tccCheckers: CheckerCatalog = {
  "tcc-no-empty-rollback": { factory: tccNoEmptyRollback, description: "No Cancel gives back a reservation that no Try of its branch made." },
  "tcc-no-suspension": { factory: tccNoSuspension, description: "No Try reserves resources for a branch after its Cancel." },
  "tcc-idempotent-phase-two": { factory: tccIdempotentPhaseTwo, description: "Each branch's Confirm or Cancel changes data at most once." },
  "tcc-business-consistent": { factory: tccBusinessConsistent, description: "No account goes negative, nothing stays reserved, and each service made final exactly what the committed orders asked." },
};
