import type { CheckerCatalog, ProcessCatalog } from "../../run-options";
import { kvReplica } from "./kv-replica";
import { kvClient } from "./kv-client";
import { noStaleReads, readYourWrites } from "./no-stale-reads";
import { KV_CLIENT_SCHEMA, KV_REPLICA_SCHEMA } from "./store-schemas";

/**
 * The data store's kinds. Client profiles name the quorums people run: `dynamo` (N 3, R 2, W 2,
 * the defaults), `one` (Cassandra's consistency level ONE for reads and writes: R 1, W 1) and
 * `all` (R 3, W 3, Cassandra's ALL).
 */
export const storeProcesses: ProcessCatalog = {
  "kv-replica": {
    factory: kvReplica, configSchema: KV_REPLICA_SCHEMA,
    description: "A replica of a Dynamo-style key-value store: last-writer-wins by version, synced before it acks.",
  },
  "kv-client": {
    factory: kvClient, configSchema: KV_CLIENT_SCHEMA,
    profiles: { dynamo: { n: 3, r: 2, w: 2 }, one: { n: 3, r: 1, w: 1 }, all: { n: 3, r: 3, w: 3 } },
    description: "A quorum-coordinating client with a read/write workload: N, R, W, versions, read repair.",
  },
};

/** The data store's checkers. */
export const storeCheckers: CheckerCatalog = {
  "no-stale-reads": { factory: noStaleReads, description: "A read that starts after a write was acknowledged returns that write or a newer one." },
  "read-your-writes": { factory: readYourWrites, description: "A read returns the reader's own acknowledged writes, or newer ones." },
};
