import type { OptionTable, OptionValues } from "../../options/option-table";

/**
 * The MySQL server's replication options, named as MySQL 8.0.26+ names the semisynchronous
 * replication plugin's system variables, with their documented defaults and units [MYSQL-SS]
 * (before 8.0.26: `rpl_semi_sync_master_*` and `rpl_semi_sync_slave_*`). The plugins are taken
 * as installed; both are disabled until a scenario enables them, as in MySQL.
 * `source_host` stands for CHANGE REPLICATION SOURCE TO SOURCE_HOST, with an address.
 */
export const MYSQL_SERVER_OPTIONS = {
  source_host: { type: "string", default: "", description: "The source this server replicates at its first start (empty: it starts as the source).", source: "CHANGE REPLICATION SOURCE TO SOURCE_HOST" },
  rpl_semi_sync_source_enabled: { type: "bool", default: false, description: "As a source, wait for replica acknowledgements before a commit returns.", source: "rpl_semi_sync_source_enabled" },
  rpl_semi_sync_replica_enabled: { type: "bool", default: false, description: "As a replica, acknowledge each transaction once it is written to the relay log.", source: "rpl_semi_sync_replica_enabled" },
  rpl_semi_sync_source_timeout: { type: "int", default: 10_000, min: 0, description: "Milliseconds a commit waits for acknowledgements; then the source reverts to asynchronous replication, silently to the client, until a semisynchronous replica catches up.", source: "rpl_semi_sync_source_timeout" },
  rpl_semi_sync_source_wait_point: { type: "enum", default: "AFTER_SYNC", values: ["AFTER_SYNC", "AFTER_COMMIT"], description: "AFTER_SYNC: wait after the binary log sync and before the storage engine commit, so no other session sees the transaction before a replica has it (lossless). AFTER_COMMIT: commit first, then wait; other sessions see it at once.", source: "rpl_semi_sync_source_wait_point" },
  rpl_semi_sync_source_wait_for_replica_count: { type: "int", default: 1, min: 1, max: 65535, description: "Acknowledgements a commit waits for.", source: "rpl_semi_sync_source_wait_for_replica_count" },
} as const satisfies OptionTable;

/** A MySQL server's options, read. */
export type MysqlServerOptions = OptionValues<typeof MYSQL_SERVER_OPTIONS>;

/**
 * The failover manager's options, as MHA (MySQL Master HA) names them: it pings the source every
 * `ping_interval` seconds and declares it dead after three failures in a row.
 */
export const MYSQL_FAILOVER_OPTIONS = {
  ping_interval: { type: "int", default: 3, min: 1, description: "Seconds between pings of the source; three failures in a row start a failover.", source: "MHA ping_interval" },
} as const satisfies OptionTable;

/** The failover manager's options, read. */
export type MysqlFailoverOptions = OptionValues<typeof MYSQL_FAILOVER_OPTIONS>;

/** The MySQL client's own options. */
export const MYSQL_CLIENT_OPTIONS = {
  socketTimeout: { type: "int", default: 30_000, min: 1, description: "Milliseconds the client waits for any reply (Connector/J's default is 0, none; a client of a crashed source would then wait forever).", source: "Connector/J socketTimeout" },
} as const satisfies OptionTable;

/** A MySQL client's own options, read. */
export type MysqlClientOptions = OptionValues<typeof MYSQL_CLIENT_OPTIONS>;
