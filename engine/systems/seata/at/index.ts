export { atProcesses } from "./at-catalog";
export { AT_KIND, AT_MSG } from "./at-messages";
export type { BranchStatus, GlobalStatus } from "./at-messages";
export { AT_LOCAL_WRITER_OPTIONS, AT_READER_OPTIONS, AT_RM_OPTIONS, AT_TM_OPTIONS, SEATA_SERVER_OPTIONS } from "./at-options";
