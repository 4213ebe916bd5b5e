export { tccProcesses, tccCheckers } from "./tcc-catalog";
export { seataTc } from "./seata-tc";
export { tccService } from "./tcc-service";
export { tccTm } from "./tcc-tm";
export { FenceLog, type FenceStatus, type FenceDecision } from "./fence-log";
export { SEATA_TC_OPTIONS, TCC_SERVICE_OPTIONS, TCC_TM_OPTIONS } from "./tcc-options";
export { TCC_EVENTS } from "./tcc-events";
export { TXN_EVENTS } from "./txn-records";
export { tccBusinessConsistent, tccIdempotentPhaseTwo, tccNoEmptyRollback, tccNoSuspension } from "./checks/tcc-checks";
