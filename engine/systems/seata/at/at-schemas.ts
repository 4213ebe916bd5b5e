import type { JsonObject } from "../../../core/json";
import { closedObject } from "../../../options/schema-fragments";
import { optionsSchema } from "../../../options/option-table";
import { BUSINESS_DATA_OPTIONS, PLACE_ORDER_OPTIONS } from "../business/business-options";
import { AT_LOCAL_WRITER_OPTIONS, AT_READER_OPTIONS, AT_RM_OPTIONS, AT_TM_OPTIONS, SEATA_SERVER_OPTIONS } from "./at-options";

const address = (description: string): JsonObject => ({ type: "string", pattern: "^[^/]+/[^/]+$", description });

/** The `seata-server` kind's config. */
export const SEATA_SERVER_SCHEMA: JsonObject = closedObject(optionsSchema(SEATA_SERVER_OPTIONS), "The Seata server (TC): global sessions, the global lock table, phase two.");

/** The `seata-at-service` kind's config. */
export const AT_SERVICE_SCHEMA: JsonObject = closedObject({
  service: { type: "string", enum: ["order", "stock", "payment"], description: "Which branch service this is (default the process name)." },
  server: address("The seata-server's address (default the run's one seata-server)."),
  ...optionsSchema(BUSINESS_DATA_OPTIONS),
  ...optionsSchema(AT_RM_OPTIONS),
}, "A branch service in AT mode: its business table, its database and Seata's RM.");

/** The `seata-at-business` kind's config. */
export const AT_BUSINESS_SCHEMA: JsonObject = closedObject({
  server: address("The seata-server's address (default the run's one seata-server)."),
  order: address("The order service (default the seata-at-service named or placed `order`)."),
  stock: address("The stock service (default the seata-at-service named or placed `stock`)."),
  payment: address("The payment service (default the seata-at-service named or placed `payment`)."),
  ...optionsSchema(PLACE_ORDER_OPTIONS),
  ...optionsSchema(AT_TM_OPTIONS),
}, "The business application and Seata's TM: place-order transactions in AT mode.");

/** The `seata-at-reader` kind's config. */
export const AT_READER_SCHEMA: JsonObject = closedObject({
  service: address("The service holding the row (default the one its table names)."),
  ...optionsSchema(AT_READER_OPTIONS),
}, "Reads one row through the AT data source, with a plain SELECT or SELECT ... FOR UPDATE.");

/** The `seata-at-local-writer` kind's config. */
export const AT_LOCAL_WRITER_SCHEMA: JsonObject = closedObject({
  service: address("The service holding the row (default the one its table names)."),
  ...optionsSchema(AT_LOCAL_WRITER_OPTIONS),
}, "Changes one row in local transactions outside any global transaction.");
