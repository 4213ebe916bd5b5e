import type { JsonObject } from "../../../../core/json";
import type { ProcessCatalog } from "../../../../run-options";
import { optionsSchema } from "../../../../options/option-table";
import { closedObject } from "../../../../options/schema-fragments";
import { PARTICIPANT_OPTIONS } from "../../../commit/commit-options";
import { BUSINESS_DATA_OPTIONS, PLACE_ORDER_OPTIONS } from "../business-options";
import { BUSINESS_READER, BUSINESS_READER_OPTIONS, businessReader } from "../business-reader";
import { TWO_PC_BUSINESS_CLIENT, TWO_PC_BUSINESS_CLIENT_OPTIONS, twoPcBusinessClient } from "./two-pc-business-client";
import { TWO_PC_BUSINESS_PARTICIPANT, twoPcBusinessParticipant } from "./two-pc-business-participant";

const address = (description: string): JsonObject => ({ type: "string", pattern: "^[^/]+/[^/]+$", description });

/**
 * The place-order transaction's 2PC kinds (the commit family's participant with a database, and
 * its client) and the reader every mode's branch services answer.
 */
export const twoPcBusinessProcesses: ProcessCatalog = {
  [BUSINESS_READER]: {
    factory: businessReader,
    configSchema: closedObject({ service: address("The service holding the row (default the process named after it)."), ...optionsSchema(BUSINESS_READER_OPTIONS) }, "Reads one row of any mode's branch service every so often."),
    description: "Reads one business row every so often from any mode's branch service (business-read), as a stock display would: what a reader outside the transaction sees.",
  },
  [TWO_PC_BUSINESS_PARTICIPANT]: {
    factory: twoPcBusinessParticipant,
    configSchema: closedObject({
      service: { type: "string", enum: ["order", "stock", "payment"], description: "Which branch service this is (default the process name)." },
      ...optionsSchema(BUSINESS_DATA_OPTIONS),
      ...optionsSchema(PARTICIPANT_OPTIONS),
    }, "A place-order branch service as a 2PC (XA) participant: its row locked from the work to the decision."),
    description: "A place-order branch (order, stock or payment) as the commit family's 2PC participant over a database: the row locked from the work to the decision, the change applied at COMMIT.",
  },
  [TWO_PC_BUSINESS_CLIENT]: {
    factory: twoPcBusinessClient,
    configSchema: closedObject({
      coordinator: address("The 2pc-coordinator (default the run's one)."),
      order: address("The order participant (default the one named or placed `order`)."),
      stock: address("The stock participant (default the one named or placed `stock`)."),
      payment: address("The payment participant (default the one named or placed `payment`)."),
      ...optionsSchema(PLACE_ORDER_OPTIONS),
      ...optionsSchema(TWO_PC_BUSINESS_CLIENT_OPTIONS),
    }, "Place-order transactions over the commit family's 2PC coordinator."),
    description: "Place-order business transactions over the commit family's 2pc-coordinator, recorded in the shared shape.",
  },
};
