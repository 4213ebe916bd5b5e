import type { JsonObject } from "../../../core/json";
import { closedObject } from "../../../options/schema-fragments";
import { optionsSchema } from "../../../options/option-table";
import { BUSINESS_DATA_OPTIONS, PLACE_ORDER_OPTIONS } from "../business/business-options";
import { SEATA_TCC_SERVER_OPTIONS, TCC_SERVICE_OPTIONS, TCC_TM_OPTIONS } from "./tcc-options";

const address = (description: string): JsonObject => ({ type: "string", pattern: "^[^/]+/[^/]+$", description });

/** The `seata-tcc-server` kind's config: the TC's recovery and transport settings. */
export const SEATA_TCC_SERVER_SCHEMA: JsonObject = closedObject(optionsSchema(SEATA_TCC_SERVER_OPTIONS), "The Seata server (TC) driving TCC branches: global sessions, branch registration, phase two retried until done.");

/** The `seata-tcc-service` kind's config. */
export const TCC_SERVICE_SCHEMA: JsonObject = closedObject({
  service: { type: "string", enum: ["order", "stock", "payment"], description: "Which branch service this is (default the process name)." },
  ...optionsSchema(BUSINESS_DATA_OPTIONS),
  ...optionsSchema(TCC_SERVICE_OPTIONS),
}, "A branch service with one TCC action (Try freezes, Confirm applies, Cancel unfreezes), optionally behind the tcc_fence_log.");

/** The `seata-tcc-business` kind's config: the TC, the three services, and the place-order workload. */
export const TCC_TM_SCHEMA: JsonObject = closedObject({
  server: address("The seata-tcc-server's address (default the run's one seata-tcc-server)."),
  order: address("The order service (default the seata-tcc-service named or placed `order`)."),
  stock: address("The stock service (default the seata-tcc-service named or placed `stock`)."),
  payment: address("The payment service (default the seata-tcc-service named or placed `payment`)."),
  ...optionsSchema(PLACE_ORDER_OPTIONS),
  ...optionsSchema(TCC_TM_OPTIONS),
}, "The business application and Seata's TM: place-order transactions in TCC mode.");
