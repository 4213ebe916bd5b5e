import type { CheckerCatalog, ProcessCatalog } from "../../run-options";
import { replicationCheckers } from "../replication/replication-catalog";
import { redisClient } from "./redis-client";
import { REDIS_SENTINEL_KIND, REDIS_SERVER_KIND } from "./redis-messages";
import { REDIS_CLIENT_SCHEMA, REDIS_SENTINEL_SCHEMA, REDIS_SERVER_SCHEMA } from "./redis-schemas";
import { redisSentinel } from "./redis-sentinel";
import { redisServer } from "./redis-server";

/** The Redis family's kinds: servers with asynchronous replication, Sentinel, and a client. */
export const redisProcesses: ProcessCatalog = {
  [REDIS_SERVER_KIND]: {
    factory: redisServer, configSchema: REDIS_SERVER_SCHEMA,
    description: "A Redis server, primary or replica: asynchronous replication with offsets, PSYNC partial and full resync, WAIT, min-replicas-to-write.",
  },
  [REDIS_SENTINEL_KIND]: {
    factory: redisSentinel, configSchema: REDIS_SENTINEL_SCHEMA,
    description: "Redis Sentinel for one primary: down-after-milliseconds, quorum, leader election by epoch, failover to the replica with the largest offset.",
  },
  "redis-client": {
    factory: redisClient, configSchema: REDIS_CLIENT_SCHEMA,
    description: "A Sentinel-aware Redis client running a list-append workload (RPUSH, LRANGE), optionally followed by WAIT.",
  },
};

/** The Redis family's checkers: the replicated stores' lost-write and session checks. */
export const redisCheckers: CheckerCatalog = { ...replicationCheckers };
