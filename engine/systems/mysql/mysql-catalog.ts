import type { ProcessCatalog } from "../../run-options";
import { mysqlClient } from "./mysql-client";
import { mysqlFailover } from "./mysql-failover";
import { MYSQL_FAILOVER_KIND, MYSQL_SERVER_KIND } from "./mysql-messages";
import { MYSQL_CLIENT_SCHEMA, MYSQL_FAILOVER_SCHEMA, MYSQL_SERVER_SCHEMA } from "./mysql-schemas";
import { mysqlServer } from "./mysql-server";

/** The MySQL family's kinds (its checkers are the replicated stores', in the Redis catalog). */
export const mysqlProcesses: ProcessCatalog = {
  [MYSQL_SERVER_KIND]: {
    factory: mysqlServer, configSchema: MYSQL_SERVER_SCHEMA,
    description: "A MySQL server, source or replica: binary log, semisynchronous replication with its timeout and wait point (AFTER_SYNC, AFTER_COMMIT).",
  },
  [MYSQL_FAILOVER_KIND]: {
    factory: mysqlFailover, configSchema: MYSQL_FAILOVER_SCHEMA,
    description: "An MHA-like failover manager: pings the source every ping_interval, promotes the replica that received the most after three failures.",
  },
  "mysql-client": {
    factory: mysqlClient, configSchema: MYSQL_CLIENT_SCHEMA,
    description: "A MySQL client running a list-append workload (autocommit UPDATE, SELECT) against the source its failover manager names.",
  },
};
