/** The process kinds of the MySQL family. */
export const MYSQL_SERVER_KIND = "mysql-server";
export const MYSQL_FAILOVER_KIND = "mysql-failover";

/**
 * Message types: client statements (an appending UPDATE in autocommit, a SELECT), the binary
 * log stream (a dump request, events, semisynchronous acknowledgements), and the failover
 * manager's ping, status, promotion and CHANGE REPLICATION SOURCE.
 */
export const MYSQL_MSG = {
  append: "COMMIT-append", select: "SELECT",
  dump: "COM_BINLOG_DUMP", event: "binlog-event", ack: "semi-sync-ack",
  ping: "ping", status: "SHOW-REPLICA-STATUS", promote: "promote", changeSource: "CHANGE-REPLICATION-SOURCE", getSource: "get-source",
} as const;

/** One transaction in the binary log: position `pos` (1, 2, ...), appending `value` to `key`. */
export interface BinlogEvent {
  pos: number;
  key: string;
  value: string;
}

/** What a server says of its replication (SHOW REPLICA STATUS, trimmed). */
export interface ServerStatus {
  role: "source" | "replica";
  source: string | null;
  /** The last binary log position received (the relay log's end, for a replica). */
  received: number;
  semiSync: boolean;
}
