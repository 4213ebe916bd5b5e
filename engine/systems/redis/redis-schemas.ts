import type { JsonObject } from "../../core/json";
import { closedObject } from "../../options/schema-fragments";
import { optionsSchema } from "../../options/option-table";
import { APPEND_WORKLOAD_PROPERTIES } from "../replication/append-schema";
import { REDIS_CLIENT_OPTIONS, REDIS_SENTINEL_OPTIONS, REDIS_SERVER_OPTIONS } from "./redis-options";

/** The `redis-server` kind's config: redis.conf's replication options. */
export const REDIS_SERVER_SCHEMA: JsonObject = closedObject(optionsSchema(REDIS_SERVER_OPTIONS), "A Redis server: primary or replica, asynchronous replication with offsets, PSYNC, WAIT, min-replicas-to-write.");

/** The `redis-sentinel` kind's config: sentinel.conf's options for one primary. */
export const REDIS_SENTINEL_SCHEMA: JsonObject = closedObject(optionsSchema(REDIS_SENTINEL_OPTIONS), "A Redis Sentinel monitoring one primary: SDOWN, ODOWN by quorum, leader election by epoch, failover.");

/** The `redis-client` kind's config: WAIT, the sentinels, and the list-append workload. */
export const REDIS_CLIENT_SCHEMA: JsonObject = closedObject({
  ...optionsSchema(REDIS_CLIENT_OPTIONS),
  sentinels: { type: "array", minItems: 1, items: { type: "string", pattern: "^[^/]+/[^/]+$" }, description: "Sentinel addresses, asked in order (default every redis-sentinel)." },
  primary: { type: "string", pattern: "^[^/]+/[^/]+$", description: "The primary to start with (default: ask the sentinels)." },
  ...APPEND_WORKLOAD_PROPERTIES,
}, "A Sentinel-aware Redis client running a list-append workload (RPUSH, LRANGE), optionally with WAIT.");
