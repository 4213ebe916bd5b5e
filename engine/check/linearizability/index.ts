/** The linearizability checker: history format, pairing, search, explanation, the catalog checker. */
export * from "./op-record";
export * from "./operation";
export * from "./register-machine";
export * from "./search";
export * from "./explain-failure";
export * from "./describe-operation";
export * from "./check-linearizability";
export * from "./history-checker";
