import type { ProcessCatalog } from "../../../run-options";
import { atBusiness } from "./at-business";
import { AT_KIND } from "./at-messages";
import { atLocalWriter, atReader } from "./at-reader";
import { AT_BUSINESS_SCHEMA, AT_LOCAL_WRITER_SCHEMA, AT_READER_SCHEMA, AT_SERVICE_SCHEMA, SEATA_SERVER_SCHEMA } from "./at-schemas";
import { atService } from "./at-service";
import { seataServer } from "./seata-server";

/** Seata AT mode's kinds (its checkers are the shared business ones, business-catalog.ts). */
export const atProcesses: ProcessCatalog = {
  [AT_KIND.server]: {
    factory: seataServer, configSchema: SEATA_SERVER_SCHEMA,
    description: "The Seata server (TC): global transactions, branch registration, the global lock table, asynchronous commit and rollback with retries, timeouts.",
  },
  [AT_KIND.service]: {
    factory: atService, configSchema: AT_SERVICE_SCHEMA,
    description: "A branch service (order, stock or payment) with its database and Seata's AT resource manager: undo log, global lock, rollback from the before-image with dirty-write detection.",
  },
  [AT_KIND.business]: {
    factory: atBusiness, configSchema: AT_BUSINESS_SCHEMA,
    description: "The business application and Seata's TM: @GlobalTransactional place-order transactions over the three services.",
  },
  [AT_KIND.reader]: {
    factory: atReader, configSchema: AT_READER_SCHEMA,
    description: "Reads one row every so often: a plain SELECT (read uncommitted) or SELECT ... FOR UPDATE (checks the global lock).",
  },
  [AT_KIND.localWriter]: {
    factory: atLocalWriter, configSchema: AT_LOCAL_WRITER_SCHEMA,
    description: "Changes one row in local transactions outside any global transaction (a restock script Seata does not see).",
  },
};
