import type { JsonObject } from "../../../core/json";
import { closedObject } from "../../../options/schema-fragments";
import { optionsSchema } from "../../../options/option-table";
import { BUSINESS_DATA_OPTIONS, PLACE_ORDER_OPTIONS } from "../business/business-options";
import { SAGA_ORCHESTRATOR_OPTIONS, SAGA_SERVICE_OPTIONS } from "./saga-options";

const address = (description: string): JsonObject => ({ type: "string", pattern: "^[^/]+/[^/]+$", description });

/** The `saga-service` kind's config. */
export const SAGA_SERVICE_SCHEMA: JsonObject = closedObject({
  service: { type: "string", enum: ["order", "stock", "payment"], description: "Which branch service this is (default the process name)." },
  ...optionsSchema(BUSINESS_DATA_OPTIONS),
  ...optionsSchema(SAGA_SERVICE_OPTIONS),
}, "A branch service in a saga: a forward step that commits at once and its compensation.");

/** The `saga-orchestrator` kind's config. */
export const SAGA_ORCHESTRATOR_SCHEMA: JsonObject = closedObject({
  order: address("The order service (default the saga-service named or placed `order`)."),
  stock: address("The stock service (default the saga-service named or placed `stock`)."),
  payment: address("The payment service (default the saga-service named or placed `payment`)."),
  ...optionsSchema(PLACE_ORDER_OPTIONS),
  ...optionsSchema(SAGA_ORCHESTRATOR_OPTIONS),
}, "The business application running \"place order\" as an orchestrated saga.");
