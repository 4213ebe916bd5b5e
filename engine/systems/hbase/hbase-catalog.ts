import type { JsonObject } from "../../core/json";
import type { CheckerCatalog, ProcessCatalog } from "../../run-options";
import { optionsSchema } from "../../options/option-table";
import { closedObject } from "../../options/schema-fragments";
import { APPEND_WORKLOAD_PROPERTIES } from "../replication/append-schema";
import { oneWriterPerRegion } from "./checks/one-writer-per-region";
import { regionUnavailability } from "./checks/region-unavailability";
import { hbaseClient, HBASE_CLIENT_KIND } from "./hbase-client";
import { hbaseMaster, HBASE_MASTER_KIND } from "./hbase-master";
import { HBASE_CLIENT_OPTIONS, HBASE_MASTER_OPTIONS, HBASE_RS_OPTIONS } from "./hbase-options";
import { hbaseRegionServer, HBASE_RS_KIND } from "./hbase-regionserver";
import { hdfs, HDFS_KIND } from "./hdfs";

/** The `hbase-master` kind's config. */
export const HBASE_MASTER_SCHEMA: JsonObject = closedObject(optionsSchema(HBASE_MASTER_OPTIONS), "HBase's master: assigns regions, watches /hbase/rs, splits a dead server's WAL and reassigns its regions.");

/** The `hbase-regionserver` kind's config. */
export const HBASE_RS_SCHEMA: JsonObject = closedObject(optionsSchema(HBASE_RS_OPTIONS), "An HBase region server: a ZooKeeper session with an ephemeral znode, a WAL in HDFS, regions it serves.");

/** The `hbase-client` kind's config. */
export const HBASE_CLIENT_SCHEMA: JsonObject = closedObject({ ...optionsSchema(HBASE_CLIENT_OPTIONS), ...APPEND_WORKLOAD_PROPERTIES }, "An HBase client running a list-append workload, with HBase's timeouts and retries.");

/** The HDFS-like service's config: none. */
export const HDFS_SCHEMA: JsonObject = closedObject({}, "HDFS reduced to one durable service: files with one lease holder, recoverLease, rename, createNonRecursive.");

/** The HBase family's kinds (it also needs the ZooKeeper-like `zk-server`). */
export const hbaseProcesses: ProcessCatalog = {
  [HBASE_MASTER_KIND]: { factory: hbaseMaster, configSchema: HBASE_MASTER_SCHEMA, description: "HBase's master: meta, region assignment, a watch on /hbase/rs, and the crash procedure (rename the WAL directory, recover the WALs' leases, split them, reassign)." },
  [HBASE_RS_KIND]: { factory: hbaseRegionServer, configSchema: HBASE_RS_SCHEMA, description: "An HBase region server: zookeeper.session.timeout 90 s, an ephemeral znode under /hbase/rs, a WAL in HDFS synced before each put is acknowledged; aborts on session expiry or a fenced WAL." },
  [HBASE_CLIENT_KIND]: { factory: hbaseClient, configSchema: HBASE_CLIENT_SCHEMA, description: "An HBase client: meta lookups, a location cache, hbase.rpc.timeout 60 s, hbase.client.pause 100 ms × RETRY_BACKOFF, 15 retries; runs the list-append workload." },
  [HDFS_KIND]: { factory: hdfs, configSchema: HDFS_SCHEMA, description: "HDFS reduced to one durable service: single-writer files with leases, recoverLease, directory rename, createNonRecursive." },
};

/** The HBase family's checkers (the replicated stores' lost-write checks apply too). */
export const hbaseCheckers: CheckerCatalog = {
  "one-writer-per-region": { factory: oneWriterPerRegion, description: "No region server acknowledges a write to a region after another server has opened it, unless the write was in a WAL split before that (by the true clock)." },
  "region-unavailability": { factory: regionUnavailability, description: "Measures each region's longest gap between acknowledged writes; fails only past params.max." },
};
