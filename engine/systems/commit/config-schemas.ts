import type { JsonObject } from "../../core/json";
import { optionsSchema } from "../../options/option-table";
import { duration } from "../../options/schema-fragments";
import { COORDINATOR_OPTIONS, PARTICIPANT_OPTIONS } from "./commit-options";
import { COMMIT_CLIENT_OPTIONS } from "./commit-client";

// The plain options come from the options tables (commit-options.ts, commit-client.ts), with
// their defaults and ranges; only the addresses, the vote policy and the workload keys are here.

const address = (description: string): JsonObject => ({ type: "string", pattern: "/", description });

/** JSON Schema of a 2PC or 3PC coordinator's config. */
export const COORDINATOR_SCHEMA: JsonObject = {
  type: "object",
  additionalProperties: false,
  properties: optionsSchema(COORDINATOR_OPTIONS),
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
    ...optionsSchema(PARTICIPANT_OPTIONS),
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
    ...optionsSchema(COMMIT_CLIENT_OPTIONS),
    txnPrefix: { type: "string", description: "Transaction ids are <txnPrefix>#<n>. Default the node's name." },
    arrival: {
      type: "object", required: ["pattern"],
      properties: { pattern: { enum: ["poisson", "constant"] }, ratePerSecond: { type: "number", exclusiveMinimum: 0 } },
      description: "Set by a workload entry: poisson or constant arrivals (constant ones are the same for every seed).",
    },
    requests: { type: "integer", minimum: 0, description: "Set by a workload entry: how many transactions." },
    deadline: duration("Set by a workload entry: the commit request's timeout."),
  },
};
