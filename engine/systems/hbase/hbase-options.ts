import { MS, SECOND } from "../../core/time";
import type { OptionTable, OptionValues } from "../../options/option-table";

/** The region server bugs a scenario can switch on, for the bug zoo. */
export const HBASE_RS_BUGS = ["none", "serve-after-expiry"] as const;

/**
 * A region server bug's name. `serve-after-expiry` is the paused region server that goes on
 * serving: when its ZooKeeper session has expired it opens a new one instead of aborting, and
 * when its WAL is fenced it rolls a new WAL and creates the WAL directory again (a plain create
 * instead of HBase's createNonRecursive), so the master's fencing does not stop it either.
 */
export type HBaseRsBug = (typeof HBASE_RS_BUGS)[number];

/**
 * A region server's options, under HBase's names (camelCased) with hbase-default.xml's defaults
 * [HBASE] (docs/stores.md). zookeeper.session.timeout is what the server asks ZooKeeper for; the
 * ensemble clamps it to its maxSessionTimeout (HBase passes this same value as
 * maxSessionTimeout to a ZooKeeper it manages itself).
 */
export const HBASE_RS_OPTIONS = {
  zookeeperSessionTimeout: { type: "duration", default: 90 * SECOND, min: MS, description: "The ZooKeeper session timeout the region server asks for: how long after its last ping the master learns it is gone.", source: "zookeeper.session.timeout (hbase-default.xml: 90000 ms)" },
  bug: { type: "enum", default: "none", values: HBASE_RS_BUGS, description: "Bug zoo: serve-after-expiry (a paused region server re-opens its session and recreates its fenced WAL directory instead of aborting)." },
} as const satisfies OptionTable;

/** A region server's options, read. */
export type HBaseRsOptions = OptionValues<typeof HBASE_RS_OPTIONS>;

/** The master's options, under HBase's names with their defaults [HBASE]. */
export const HBASE_MASTER_OPTIONS = {
  zookeeperSessionTimeout: { type: "duration", default: 90 * SECOND, min: MS, description: "The master's own ZooKeeper session timeout (master failover is not modelled).", source: "zookeeper.session.timeout (hbase-default.xml: 90000 ms)" },
  waitOnRegionserversTimeout: { type: "duration", default: 4500 * MS, min: 0, description: "How long the master waits at start for region servers to register before it assigns the table's regions.", source: "hbase.master.wait.on.regionservers.timeout (ServerManager: 4500 ms)" },
  regions: { type: "int", default: 4, min: 1, description: "The table's regions r0..r<regions-1> (pre-split); key k<i> lives in region r<i mod regions>." },
} as const satisfies OptionTable;

/** The master's options, read. */
export type HBaseMasterOptions = OptionValues<typeof HBASE_MASTER_OPTIONS>;

/** The client's options, under HBase's client names with their defaults [HBASE]. */
export const HBASE_CLIENT_OPTIONS = {
  hbaseRpcTimeout: { type: "duration", default: 60 * SECOND, min: MS, description: "How long one RPC to a region server waits for its answer.", source: "hbase.rpc.timeout (hbase-default.xml: 60000 ms)" },
  hbaseClientPause: { type: "duration", default: 100 * MS, min: 1, description: "The base pause between retries, multiplied by HConstants.RETRY_BACKOFF (1, 2, 3, 5, 10, 20, 40, 100, 100, 100, 100, 200, 200).", source: "hbase.client.pause (hbase-default.xml: 100 ms)" },
  hbaseClientRetriesNumber: { type: "int", default: 15, min: 0, description: "Retries of one operation (after a region moved, a server refused, or an RPC timed out).", source: "hbase.client.retries.number (hbase-default.xml: 15)" },
  hbaseClientOperationTimeout: { type: "duration", default: 1200 * SECOND, min: MS, description: "The whole budget of one operation, retries included.", source: "hbase.client.operation.timeout (hbase-default.xml: 1200000 ms)" },
} as const satisfies OptionTable;

/** The client's options, read. */
export type HBaseClientOptions = OptionValues<typeof HBASE_CLIENT_OPTIONS>;

/** HConstants.RETRY_BACKOFF: the multipliers of hbase.client.pause for retry 0, 1, 2...; the last repeats. */
export const RETRY_BACKOFF: readonly number[] = [1, 2, 3, 5, 10, 20, 40, 100, 100, 100, 100, 200, 200];

/** The region a key lives in: k<i> in r<i mod regions>; a key without a trailing number by its characters' sum. */
export function regionOf(key: string, regions: number): string {
  const m = /(\d+)$/.exec(key);
  let n = 0;
  if (m) n = Number(m[1]);
  else for (let i = 0; i < key.length; i++) n += key.charCodeAt(i);
  return `r${n % regions}`;
}
