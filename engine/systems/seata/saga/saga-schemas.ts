import type { JsonObject } from "../../../core/json";
import { closedObject, duration } from "../../../options/schema-fragments";
import { optionsSchema } from "../../../options/option-table";
import { SAGA_ORCHESTRATOR_OPTIONS, SAGA_SERVICE_OPTIONS } from "./saga-options";

const address = (description: string): JsonObject => ({ type: "string", pattern: "^[^/]+/[^/]+$", description });

/** The `saga-service` kind's config. */
export const SAGA_SERVICE_SCHEMA: JsonObject = closedObject({
  ...optionsSchema(SAGA_SERVICE_OPTIONS),
  balances: { type: "object", additionalProperties: { type: "number", minimum: 0 }, description: "The payment service: each customer's balance at the first start (others start with `initial`)." },
}, "A business service in a saga: a forward step that commits at once and its compensation.");

/** The `saga-orchestrator` kind's config. */
export const SAGA_ORCHESTRATOR_SCHEMA: JsonObject = closedObject({
  order: address("The order service's address."),
  stock: address("The stock service's address."),
  payment: address("The payment service's address."),
  customers: { type: "array", minItems: 1, items: { type: "string" }, description: "The customers placing orders, in turn (default one, `customer`)." },
  ...optionsSchema(SAGA_ORCHESTRATOR_OPTIONS),
  arrival: {
    type: "object", required: ["pattern"],
    properties: { pattern: { enum: ["poisson", "constant"] }, ratePerSecond: { type: "number", exclusiveMinimum: 0 } },
    description: "Set by a workload entry: poisson or constant arrivals (constant ones are the same for every seed).",
  },
  requests: { type: "integer", minimum: 0, description: "Set by a workload entry: how many orders." },
  deadline: duration("Set by a workload entry: the step calls' timeout."),
}, "The business application running \"place order\" as an orchestrated saga.", { required: ["order", "stock", "payment"] });
