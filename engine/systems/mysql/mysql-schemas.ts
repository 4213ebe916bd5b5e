import type { JsonObject } from "../../core/json";
import { closedObject } from "../../options/schema-fragments";
import { optionsSchema } from "../../options/option-table";
import { APPEND_WORKLOAD_PROPERTIES } from "../replication/append-schema";
import { MYSQL_CLIENT_OPTIONS, MYSQL_FAILOVER_OPTIONS, MYSQL_SERVER_OPTIONS } from "./mysql-options";

/** The `mysql-server` kind's config: the semisynchronous replication plugin's variables. */
export const MYSQL_SERVER_SCHEMA: JsonObject = closedObject(optionsSchema(MYSQL_SERVER_OPTIONS), "A MySQL server, source or replica, with semisynchronous replication.");

/** The `mysql-failover` kind's config. */
export const MYSQL_FAILOVER_SCHEMA: JsonObject = closedObject({
  ...optionsSchema(MYSQL_FAILOVER_OPTIONS),
  source: { type: "string", pattern: "^[^/]+/[^/]+$", description: "The source's address at the first start (required)." },
}, "An MHA-like failover manager: pings the source, promotes the most advanced replica.");

/** The `mysql-client` kind's config. */
export const MYSQL_CLIENT_SCHEMA: JsonObject = closedObject({ ...optionsSchema(MYSQL_CLIENT_OPTIONS), ...APPEND_WORKLOAD_PROPERTIES }, "A MySQL client running a list-append workload against the source its failover manager names.");
