import type { JsonObject } from "../../../core/json";
import { closedObject, duration } from "../../../options/schema-fragments";
import { optionsSchema } from "../../../options/option-table";
import { SEATA_TC_OPTIONS, TCC_SERVICE_OPTIONS, TCC_TM_OPTIONS } from "./tcc-options";

const address = (description: string): JsonObject => ({ type: "string", pattern: "^[^/]+/[^/]+$", description });

/** The `seata-tc` kind's config: the TC's recovery and transport settings. */
export const SEATA_TC_SCHEMA: JsonObject = closedObject(optionsSchema(SEATA_TC_OPTIONS), "Seata's transaction coordinator (TC) for TCC branches.");

/** The `tcc-service` kind's config. */
export const TCC_SERVICE_SCHEMA: JsonObject = closedObject(optionsSchema(TCC_SERVICE_OPTIONS), "A business service with one TCC action (Try, Confirm, Cancel), optionally behind the tcc_fence_log.");

/** The `tcc-tm` kind's config: the TC, the three services, and the workload. */
export const TCC_TM_SCHEMA: JsonObject = closedObject({
  tc: address("The TC's address."),
  order: address("The order service's address."),
  stock: address("The stock service's address."),
  payment: address("The payment service's address."),
  ...optionsSchema(TCC_TM_OPTIONS),
  arrival: {
    type: "object", required: ["pattern"],
    properties: { pattern: { enum: ["poisson", "constant"] }, ratePerSecond: { type: "number", exclusiveMinimum: 0 } },
    description: "Set by a workload entry: poisson or constant arrivals (constant ones are the same for every seed).",
  },
  requests: { type: "integer", minimum: 0, description: "Set by a workload entry: how many orders." },
  deadline: duration("Set by a workload entry: the Try calls' timeout."),
}, "The business application (TM) placing orders as TCC global transactions.", { required: ["tc", "order", "stock", "payment"] });
