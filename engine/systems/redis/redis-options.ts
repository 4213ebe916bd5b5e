import { SECOND } from "../../core/time";
import type { OptionTable, OptionValues } from "../../options/option-table";
import { defaultsOf } from "../../options/option-table";

/**
 * The Redis server's options, named and counted as redis.conf names and counts them (seconds
 * where redis.conf takes seconds), with redis.conf's defaults [REDIS-R]. Persistence is off
 * (`appendonly no` and no RDB save points): a restarted server comes back empty, which is the
 * configuration the replication docs warn about. `replicaof` holds an address (`node/process`)
 * instead of a host and port.
 */
export const REDIS_SERVER_OPTIONS = {
  replicaof: { type: "string", default: "", description: "The primary this server replicates at its first start (empty: it starts as a primary). Sentinel changes it later with REPLICAOF, and the server keeps the change on disk, as CONFIG REWRITE would.", source: "replicaof <masterip> <masterport>" },
  "min-replicas-to-write": { type: "int", default: 0, min: 0, description: "A primary refuses writes (-NOREPLICAS) while fewer replicas than this are good, that is acknowledged within min-replicas-max-lag; 0: off.", source: "min-replicas-to-write" },
  "min-replicas-max-lag": { type: "int", default: 10, min: 1, description: "Seconds since a replica's last REPLCONF ACK within which it counts as good.", source: "min-replicas-max-lag" },
  "repl-backlog-size": { type: "int", default: 1_048_576, min: 16_384, description: "Bytes of the replication stream kept for partial resynchronization (PSYNC); a replica further behind gets a full resync.", source: "repl-backlog-size" },
  "repl-timeout": { type: "int", default: 60, min: 1, description: "Seconds without traffic after which a replica drops its link to the primary and a primary drops a silent replica.", source: "repl-timeout" },
  "repl-ping-replica-period": { type: "int", default: 10, min: 1, description: "Seconds between the PINGs a primary sends its replicas, which keep their link alive when no writes flow.", source: "repl-ping-replica-period" },
  "replica-priority": { type: "int", default: 100, min: 0, description: "Sentinel promotes the replica with the lowest priority first; 0: never promoted.", source: "replica-priority" },
} as const satisfies OptionTable;

/** A Redis server's options, read. */
export type RedisServerOptions = OptionValues<typeof REDIS_SERVER_OPTIONS>;

/** The server defaults, from the table. */
export const REDIS_SERVER_DEFAULTS = defaultsOf(REDIS_SERVER_OPTIONS);

/**
 * Sentinel's options for its one monitored primary, as sentinel.conf names them [REDIS-S]:
 * `sentinel monitor <master-name> <ip> <port> <quorum>` becomes `monitor` (an address) and
 * `quorum`, and the per-master settings keep their names and their milliseconds.
 */
export const REDIS_SENTINEL_OPTIONS = {
  monitor: { type: "string", default: "", description: "The primary's address at the first start (required).", source: "sentinel monitor <master-name> <ip> <port> <quorum>" },
  "master-name": { type: "string", default: "mymaster", description: "The name clients ask for.", source: "sentinel monitor <master-name>" },
  quorum: { type: "int", default: 2, min: 1, description: "Sentinels that must agree the primary is down (objectively down) before a failover may start; the failover itself also needs a majority of all sentinels to elect its leader.", source: "sentinel monitor ... <quorum>" },
  "down-after-milliseconds": { type: "int", default: 30_000, min: 1, description: "Milliseconds without a valid reply after which a sentinel deems a server subjectively down.", source: "sentinel down-after-milliseconds" },
  "failover-timeout": { type: "int", default: 180_000, min: 1, description: "Milliseconds: a failover whose leader is not elected in min(10 s, this) is aborted, and a sentinel does not try the same primary again for twice this.", source: "sentinel failover-timeout" },
} as const satisfies OptionTable;

/** A sentinel's options, read. */
export type RedisSentinelOptions = OptionValues<typeof REDIS_SENTINEL_OPTIONS>;

/**
 * The Redis client's options: `WAIT numreplicas timeout` after every write when
 * `wait-numreplicas` is set (Redis's own command, its timeout in milliseconds, 0 blocking
 * forever), and the client library's socket timeout (Jedis's default 2000 ms).
 */
export const REDIS_CLIENT_OPTIONS = {
  "wait-numreplicas": { type: "int", default: null, nullable: true, min: 1, description: "Send WAIT after each write and count the write as acknowledged only when this many replicas have it; null: no WAIT.", source: "WAIT numreplicas timeout" },
  "wait-timeout": { type: "int", default: 0, min: 0, description: "WAIT's timeout in milliseconds; 0 blocks until enough replicas answer (or the socket times out).", source: "WAIT numreplicas timeout" },
  "master-name": { type: "string", default: "mymaster", description: "The primary's name to ask the sentinels for.", source: "SENTINEL get-master-addr-by-name" },
  timeoutUs: { type: "duration", default: 2 * SECOND, min: 1, description: "How long the client waits for any reply.", source: "Jedis soTimeout (2000 ms)" },
} as const satisfies OptionTable;

/** A Redis client's own options, read. */
export type RedisClientOptions = OptionValues<typeof REDIS_CLIENT_OPTIONS>;
