import type { CheckerCatalog, ProcessCatalog } from "../../../run-options";
import { seataTccServer } from "./seata-tcc-server";
import { tccService } from "./tcc-service";
import { tccTm } from "./tcc-tm";
import { TCC_KIND } from "./tcc-kinds";
import { SEATA_TCC_SERVER_SCHEMA, TCC_SERVICE_SCHEMA, TCC_TM_SCHEMA } from "./tcc-schemas";
import { tccIdempotentPhaseTwo, tccNoEmptyRollback, tccNoSuspension, tccReservationsReleased } from "./checks/tcc-checks";

/** Seata's TCC mode: the TC's TCC side, the branch services with their TCC actions, and the TM. */
export const tccProcesses: ProcessCatalog = {
  [TCC_KIND.server]: {
    factory: seataTccServer, configSchema: SEATA_TCC_SERVER_SCHEMA,
    description: "The Seata server (TC) for TCC branches: global sessions, branch registration, Confirm/Cancel retried every server.recovery.committingRetryPeriod / rollbackingRetryPeriod until done.",
  },
  [TCC_KIND.service]: {
    factory: tccService, configSchema: TCC_SERVICE_SCHEMA,
    description: "A branch service (order, stock or payment) with one TCC action: Try freezes, Confirm applies and unfreezes, Cancel unfreezes; useTCCFence runs them through tcc_fence_log.",
    profiles: {
      /** Seata 1.5.1's fence: `@TwoPhaseBusinessAction(useTCCFence = true)`. */
      "tcc-fence": { useTCCFence: true },
    },
  },
  [TCC_KIND.business]: {
    factory: tccTm, configSchema: TCC_TM_SCHEMA,
    description: "The business application and Seata's TM placing orders in TCC mode: register a branch, call its Try, then commit or roll back at the TC.",
  },
};

/** The TCC checkers: the three classic failures, and the reservations' release. */
export const tccCheckers: CheckerCatalog = {
  "tcc-no-empty-rollback": { factory: tccNoEmptyRollback, description: "No Cancel unfreezes a reservation that no Try of its branch made." },
  "tcc-no-suspension": { factory: tccNoSuspension, description: "No Try freezes resources for a branch after its Cancel." },
  "tcc-idempotent-phase-two": { factory: tccIdempotentPhaseTwo, description: "Each branch's Confirm or Cancel changes data at most once." },
  "tcc-reservations-released": { factory: tccReservationsReleased, description: "No frozen amount goes below zero, and nothing is still frozen when the run ends." },
};
