import type { JsonObject } from "../../core/json";

/** A duration as config accepts it: whole microseconds, or a string with units. */
const duration = (description: string): JsonObject => ({
  description,
  anyOf: [
    { type: "integer", minimum: 0 },
    { type: "string", pattern: "^\\s*(\\d+(\\.\\d+)?(us|µs|ms|s|m|h))+\\s*$" },
  ],
});

const address = (description: string): JsonObject => ({ type: "string", pattern: "/", description });
const presumption: JsonObject = { enum: ["abort", "nothing"], description: "Presumed abort (R*, the default) or presumed nothing (the textbook protocol)." };

/** JSON Schema of a 2PC or 3PC coordinator's config. */
export const COORDINATOR_SCHEMA: JsonObject = {
  type: "object",
  additionalProperties: false,
  properties: {
    presumption,
    voteTimeout: duration("How long to wait for every vote before deciding abort. Default 500ms."),
    ackTimeout: duration("3PC: how long to wait for PRE-COMMIT acks before committing anyway. Default 500ms."),
    resendInterval: duration("How often to re-send a decision that is not acknowledged. Default 500ms."),
    forceLatency: duration("How long a forced log write (fsync) takes. Default 1ms."),
    bug: { enum: ["none", "commit-before-durable"], description: "Bug zoo: send COMMIT while the commit record is still being forced." },
  },
};

/** JSON Schema of a 2PC or 3PC participant's config. */
export const PARTICIPANT_SCHEMA: JsonObject = {
  type: "object",
  additionalProperties: false,
  properties: {
    vote: {
      description: "Vote policy: yes, no, read-only; a probability of yes; weights {yes, no, read-only}; or a script [yes, no, ...].",
      anyOf: [
        { enum: ["yes", "no", "read-only"] },
        { type: "number", minimum: 0, maximum: 1 },
        { type: "array", items: { enum: ["yes", "no", "read-only"] } },
        {
          type: "object", additionalProperties: false,
          properties: { yes: { type: "number", minimum: 0 }, no: { type: "number", minimum: 0 }, "read-only": { type: "number", minimum: 0 } },
        },
      ],
    },
    presumption,
    termination: { enum: ["cooperative", "coordinator-only"], description: "2PC: ask the other participants too (BHG's cooperative termination), or only the coordinator." },
    voteRequestTimeout: duration("After the work arrives, how long to wait for the vote request before aborting alone. Default 2s."),
    decisionTimeout: duration("After voting yes, how long to wait for the decision (3PC: PRE-COMMIT) before terminating. Default 1s."),
    commitTimeout: duration("3PC: after acknowledging PRE-COMMIT, how long to wait for DO-COMMIT. Default 1s."),
    terminationTimeout: duration("How long a termination round waits for answers. Default 100ms."),
    terminationInterval: duration("Between termination rounds that found no answer. Default 500ms."),
    leaderTimeout: duration("3PC: how long to wait for the elected coordinator before electing again. Default 500ms."),
    ackTimeout: duration("3PC: how long an elected coordinator waits for PRE-COMMIT acks. Default 500ms."),
    forceLatency: duration("How long a forced log write (fsync) takes. Default 1ms."),
    bug: { enum: ["none", "forget-vote"], description: "Bug zoo: on restart, roll back transactions voted yes but undecided." },
  },
};

/** JSON Schema of the transaction client's config. */
export const CLIENT_SCHEMA: JsonObject = {
  type: "object",
  additionalProperties: false,
  required: ["coordinator", "participants"],
  properties: {
    coordinator: address("The coordinator's address, node/process."),
    participants: { type: "array", minItems: 1, items: address("A participant's address, node/process."), description: "Every participant." },
    participantsPerTxn: { type: "integer", minimum: 1, description: "How many participants one transaction touches (default all)." },
    count: { type: "integer", minimum: 0, description: "How many transactions to run. Default 100." },
    rate: { type: "number", exclusiveMinimum: 0, description: "Transactions started per second, Poisson arrivals. Default 10." },
    workTime: duration("Between sending the work and asking to commit. Default 5ms."),
    commitTimeout: duration("How long the commit request may take before the client asks for the outcome. Default 2s."),
    statusInterval: duration("Between outcome inquiries. Default 500ms."),
    statusAttempts: { type: "integer", minimum: 0, description: "Most outcome inquiries per transaction. Default 120." },
    txnPrefix: { type: "string", description: "Transaction ids are <txnPrefix>#<n>. Default the node's name." },
    arrival: {
      type: "object", required: ["pattern"],
      properties: { pattern: { enum: ["poisson", "constant"] }, ratePerSecond: { type: "number", exclusiveMinimum: 0 } },
      description: "Set by a workload entry: poisson or constant arrivals (constant ones are the same for every seed).",
    },
    requests: { type: "integer", minimum: 0, description: "Set by a workload entry: how many transactions." },
    stopAt: duration("Set by a workload entry: start no transaction after this time."),
    deadline: duration("Set by a workload entry: the commit request's timeout."),
  },
};
