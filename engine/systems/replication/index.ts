export { appendClient } from "./append-client";
export type { AppendClientState, AppendStore, StoreOutcome } from "./append-client";
export { APPEND_WORKLOAD_OPTIONS, readAppendWorkload } from "./append-workload-options";
export type { AppendWorkloadOptions } from "./append-workload-options";
export { appendOps, finalReads, listOf, pairOp } from "./append-history";
export type { AppendOp } from "./append-history";
export { noAcknowledgedWriteLost, noReadOfLostWrite } from "./lost-writes";
export { sessionChecker, sessionMonotonicReads, sessionReadYourWrites } from "./session-reads";
export { replicationCheckers } from "./replication-catalog";
