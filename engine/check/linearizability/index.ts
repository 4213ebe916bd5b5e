/** The linearizability checker: history format, pairing, search, explanation, the catalog checker. */
export * from "./op-record";
export * from "./operation";
export * from "./register-machine";
export * from "./search";
export * from "./explain-failure";
export * from "./describe-operation";
export * from "./check-linearizability";
export * from "./history-checker";
export * from "./history-errors";
export * from "./read-history";
export * from "./parse-edn-line";
export * from "./history-jsonl";
export * from "./violation-details";
