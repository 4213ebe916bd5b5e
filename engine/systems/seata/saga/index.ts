export { sagaProcesses, sagaCheckers } from "./saga-catalog";
export { sagaOrchestrator } from "./saga-orchestrator";
export { sagaService } from "./saga-service";
export { SAGA_ORCHESTRATOR_OPTIONS, SAGA_SERVICE_OPTIONS } from "./saga-options";
export { SAGA_EVENTS, SAGA_KIND, SAGA_MSG } from "./saga-messages";
export { sagaCompensatedInReverse, sagaNoLostUpdate } from "./checks/saga-checks";
