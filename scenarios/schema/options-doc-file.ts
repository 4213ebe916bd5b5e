import { fileURLToPath } from "node:url";
import type { OptionTable } from "../../engine/options/option-table";
import { optionsDoc } from "../../engine/options/option-table";
import { LOG_AGENT_OPTIONS, LOG_COLLECTOR_OPTIONS } from "../../engine/systems/logging/logging-options";
import { BACKEND_OPTIONS } from "../../engine/systems/backend/backend-options";
import { CLIENT_OPTIONS } from "../../engine/systems/workload/client-options";
import { BULKHEAD_OPTIONS } from "../../engine/systems/proxy/policies/bulkhead";
import { BREAKER_OPTIONS } from "../../engine/systems/breaker/profiles";
import { RETRY_BUDGET_OPTIONS } from "../../engine/systems/proxy/policies/retry-budget";
import { HEDGING_BLOCK_OPTIONS, PROXY_OPTIONS, R4J_RATE_LIMITER_BLOCK_OPTIONS, RETRY_BLOCK_OPTIONS, TOKEN_BUCKET_BLOCK_OPTIONS } from "../../engine/systems/proxy/proxy-options";
import { GATEWAY_OPTIONS, RATE_LIMIT_OPTIONS, ROUTE_OPTIONS, THREAD_POOL_OPTIONS } from "../../engine/systems/gateway/gateway-options";
import { REGISTRY_CLIENT_OPTIONS } from "../../engine/systems/registry/client-options";
import { REGISTRY_SERVER_OPTIONS } from "../../engine/systems/registry/server-options";
import { STORE_CLIENT_OPTIONS } from "../../engine/systems/store/store-options";
import { STRATEGY_NAMES, STRATEGY_OPTIONS } from "../../engine/systems/balancer/catalog";
import { PASSIVE_HEALTH_OPTIONS } from "../../engine/systems/balancer/passive-health";
import { ECHO_SERVER_OPTIONS } from "../../engine/systems/echo/echo-server";
import { ECHO_CLIENT_OPTIONS } from "../../engine/systems/workload/echo-client";
import { RAFT_OPTIONS } from "../../engine/systems/consensus/raft-options";
import { ETCD_CLIENT_OPTIONS } from "../../engine/systems/consensus/etcd-client";
import { ZK_CLIENT_OPTIONS, ZK_SERVER_OPTIONS } from "../../engine/systems/consensus/zookeeper/zk-options";
import { NACOS_HEALTH_CHECK_OPTIONS } from "../../engine/systems/consensus/nacos-health-check";
import { BROKER_OPTIONS } from "../../engine/systems/mq/log/broker-options";
import { CONSUMER_OPTIONS } from "../../engine/systems/mq/log/consumer-options";
import { CONTROLLER_OPTIONS, TOPIC_OPTIONS } from "../../engine/systems/mq/log/controller-options";
import { PRODUCER_OPTIONS } from "../../engine/systems/mq/log/producer-options";
import { QUEUE_BROKER_OPTIONS, QUEUE_OPTIONS } from "../../engine/systems/mq/queue/queue-options";
import { QUEUE_CONSUMER_OPTIONS } from "../../engine/systems/mq/queue/queue-consumer-options";
import { PUBLISHER_OPTIONS } from "../../engine/systems/mq/queue/queue-publisher";
import { MQ_WORKLOAD_OPTIONS } from "../../engine/systems/mq/workload";
import { COORDINATOR_OPTIONS, PARTICIPANT_OPTIONS } from "../../engine/systems/commit/commit-options";
import { COMMIT_CLIENT_OPTIONS } from "../../engine/systems/commit/commit-client";
import { CONFIG_CLIENT_OPTIONS, CONFIG_RELEASE_OPTIONS, CONFIG_SERVER_OPTIONS } from "../../engine/systems/config/config-options";
import { REDIS_CLIENT_OPTIONS, REDIS_SENTINEL_OPTIONS, REDIS_SERVER_OPTIONS } from "../../engine/systems/redis/redis-options";
import { APPEND_WORKLOAD_OPTIONS } from "../../engine/systems/replication/append-workload-options";
import { MONGO_CLIENT_OPTIONS, MONGOD_OPTIONS } from "../../engine/systems/mongo/mongo-options";
import { HBASE_CLIENT_OPTIONS, HBASE_MASTER_OPTIONS, HBASE_RS_OPTIONS } from "../../engine/systems/hbase/hbase-options";
import { MYSQL_CLIENT_OPTIONS, MYSQL_FAILOVER_OPTIONS, MYSQL_SERVER_OPTIONS } from "../../engine/systems/mysql/mysql-options";
import { AT_LOCAL_WRITER_OPTIONS, AT_READER_OPTIONS, AT_RM_OPTIONS, AT_TM_OPTIONS, SEATA_SERVER_OPTIONS } from "../../engine/systems/seata/at/at-options";
import { BUSINESS_DATA_OPTIONS, PLACE_ORDER_OPTIONS } from "../../engine/systems/seata/business/business-options";
import { BUSINESS_READER_OPTIONS } from "../../engine/systems/seata/business/business-reader";
import { TWO_PC_BUSINESS_CLIENT_OPTIONS } from "../../engine/systems/seata/business/two-pc/two-pc-business-client";
import { SPRING_BUS_BROKER_OPTIONS, SPRING_CONFIG_CLIENT_OPTIONS, SPRING_CONFIG_SERVER_OPTIONS } from "../../engine/systems/spring-config/spring-config-options";
import { SEATA_TCC_SERVER_OPTIONS, TCC_SERVICE_OPTIONS, TCC_TM_OPTIONS } from "../../engine/systems/seata/tcc/tcc-options";
import { SAGA_ORCHESTRATOR_OPTIONS, SAGA_SERVICE_OPTIONS } from "../../engine/systems/seata/saga/saga-options";

/** Where the generated option tables live. */
export const OPTIONS_DOC_FILE = fileURLToPath(new URL("../../docs/options.md", import.meta.url));

/**
 * The component families whose options are declared in one table (engine/options/option-table.ts),
 * by the kind that takes them. A family joins by declaring its table and being listed here; the
 * families not listed still read their options in the older style (see the page's last section).
 */
export const OPTION_TABLES: ReadonlyArray<{ kind: string; table: OptionTable; note?: string }> = [
  { kind: "registry", table: REGISTRY_SERVER_OPTIONS, note: "Eureka's defaults; `profile: nacos-ephemeral` or `consul` sets those systems' values under the config. Also `peers`: registry servers to replicate to (default every other `registry`)." },
  { kind: "registry client", table: REGISTRY_CLIENT_OPTIONS, note: "The `registry` block of a backend, client or proxy: the same profiles, and `servers` (default every `registry`, own zone first)." },
  { kind: "backend", table: BACKEND_OPTIONS, note: "Also `service` (default the process name), `registry` (a registry client block), `script` (exact outcomes first) and `phases` (settings that change over time)." },
  { kind: "client", table: CLIENT_OPTIONS, note: "Also `service` (required), `arrival` or `rate` (written by the loader from a workload entry), `uris`, `key` (the balancer's hash key: user when there are users, else uri when there are URIs, else none), `proxy` (a proxy block) and `body`." },
  { kind: "proxy", table: PROXY_OPTIONS, note: "The `proxy` kind's config and a client's `proxy` block. Also `strategyOptions` (the strategy's table below; round-robin, source-hash and random take none), `passiveHealth` (below), `instances`, `registry`, `breaker` (a profile and Resilience4j's options) and `fallback`; the policy blocks below are off unless given (`true` takes their defaults)." },
  ...STRATEGY_NAMES.filter((name) => Object.keys(STRATEGY_OPTIONS[name]).length > 0).map((name) => ({ kind: `proxy: strategyOptions (strategy ${name})`, table: STRATEGY_OPTIONS[name] })),
  { kind: "proxy: passiveHealth", table: PASSIVE_HEALTH_OPTIONS, note: "`passiveHealth: true` takes these defaults." },
  { kind: "proxy: retry", table: RETRY_BLOCK_OPTIONS, note: "Also `retryOn`: the failures to retry (default every failure the callee or the network caused)." },
  { kind: "proxy: retryBudget", table: RETRY_BUDGET_OPTIONS },
  { kind: "proxy: rateLimiter (type resilience4j)", table: R4J_RATE_LIMITER_BLOCK_OPTIONS },
  { kind: "proxy: rateLimiter (type token-bucket)", table: TOKEN_BUCKET_BLOCK_OPTIONS, note: "Also `rate` (required): the refill rate." },
  { kind: "proxy: bulkhead", table: BULKHEAD_OPTIONS },
  { kind: "proxy: hedging", table: HEDGING_BLOCK_OPTIONS },
  { kind: "proxy: breaker", table: BREAKER_OPTIONS, note: "Also `scope` (service, the default, or instance) and `profile` (resilience4j, hystrix, opossum: that system's values under the block's). Resilience4j's names; the block is checked by the breaker itself (resolve-breaker-options.ts)." },
  { kind: "gateway", table: GATEWAY_OPTIONS, note: "Also `routes` (required), `proxy` (the proxy block every route starts from), `auth` (Kong key-auth: `keys`, and `keyNames`, default `[apikey]`), and the blocks below." },
  { kind: "gateway: routes[]", table: ROUTE_OPTIONS, note: "Also `path` and `service` (required), `id` (default the service), `auth` (default: when the gateway has keys) and `proxy` (merged over the gateway's)." },
  { kind: "gateway: rateLimit", table: RATE_LIMIT_OPTIONS, note: "Also `replenishRate` (required): tokens per second per client." },
  { kind: "gateway: threadPool", table: THREAD_POOL_OPTIONS, note: "`threadPool: true` takes these defaults." },
  { kind: "kv-client", table: STORE_CLIENT_OPTIONS },
  { kind: "echo-server", table: ECHO_SERVER_OPTIONS },
  { kind: "echo-client", table: ECHO_CLIENT_OPTIONS, note: "Also `targets` (required): the addresses called in turn." },
  { kind: "redis-server", table: REDIS_SERVER_OPTIONS, note: "Named and counted as redis.conf names and counts them (seconds where it takes seconds). Persistence is off." },
  { kind: "redis-sentinel", table: REDIS_SENTINEL_OPTIONS, note: "sentinel.conf's options for its one primary, in milliseconds as there." },
  { kind: "redis-client", table: REDIS_CLIENT_OPTIONS, note: "Also `sentinels` (default every `redis-sentinel`), `primary` (where to start), and the list-append workload below." },
  { kind: "mysql-server", table: MYSQL_SERVER_OPTIONS, note: "The semisynchronous replication plugin's variables under their MySQL 8.0.26+ names (before: `rpl_semi_sync_master_*`, `rpl_semi_sync_slave_*`)." },
  { kind: "mysql-failover", table: MYSQL_FAILOVER_OPTIONS, note: "MHA's name. Also `source` (required): the source's address at the first start." },
  { kind: "mysql-client", table: MYSQL_CLIENT_OPTIONS, note: "Also the list-append workload below." },
  { kind: "mongod", table: MONGOD_OPTIONS, note: "The replica set configuration's settings, in milliseconds as there." },
  { kind: "mongo-client", table: MONGO_CLIENT_OPTIONS, note: "`w` may be written `1` or `majority`. Also the list-append workload below." },
  { kind: "hbase-master", table: HBASE_MASTER_OPTIONS, note: "HBase's property names, camelCased (zookeeper.session.timeout is zookeeperSessionTimeout). Needs an `hdfs` and `zk-server`s." },
  { kind: "hbase-regionserver", table: HBASE_RS_OPTIONS, note: "HBase's property names, camelCased. The ensemble clamps the session timeout to its maxSessionTimeoutUs." },
  { kind: "hbase-client", table: HBASE_CLIENT_OPTIONS, note: "HBase's client property names, camelCased. Also the list-append workload below." },
  { kind: "list-append workload (redis-client, mysql-client, mongo-client, hbase-client)", table: APPEND_WORKLOAD_OPTIONS, note: "Also `rate`/`arrival`, `stopAt`, `requests` from the workload entry." },
  { kind: "seata-server", table: SEATA_SERVER_OPTIONS, note: "Seata's config.txt names and defaults, in milliseconds as there (engine/systems/seata/README.md)." },
  { kind: "seata-at-service", table: AT_RM_OPTIONS, note: "Seata's client.rm.* and client.undo.* names. Also `service` (order, stock or payment; default the process name), `server` (default the run's one seata-server) and the business data below." },
  { kind: "seata-at-business", table: AT_TM_OPTIONS, note: "Seata's client.tm.* names. Also `server`, `order`, `stock`, `payment` (default the seata-at-service of that name) and the place-order stream below." },
  { kind: "seata-at-reader", table: AT_READER_OPTIONS, note: "Also `service` (default the one holding the row's table)." },
  { kind: "seata-at-local-writer", table: AT_LOCAL_WRITER_OPTIONS, note: "Also `service` (default the one holding the row's table)." },
  { kind: "business data (every mode's branch services: seata-at-service, 2pc-business-participant, ...)", table: BUSINESS_DATA_OPTIONS, note: "The shared place-order business model (engine/systems/seata/business/): the same rows for 2PC, AT, TCC and Saga." },
  { kind: "place-order stream (every mode's business client: seata-at-business, 2pc-business-client, ...)", table: PLACE_ORDER_OPTIONS },
  { kind: "2pc-business-client", table: TWO_PC_BUSINESS_CLIENT_OPTIONS, note: "Also `coordinator`, `order`, `stock`, `payment` (default the process of that name) and the place-order stream above. Its participants are `2pc-business-participant`s: the 2PC participant's options above and the business data." },
  { kind: "business-reader", table: BUSINESS_READER_OPTIONS, note: "Also `service` (default the process named after the row's service)." },
  { kind: "log-agent", table: LOG_AGENT_OPTIONS },
  { kind: "log-collector", table: LOG_COLLECTOR_OPTIONS },
  { kind: "etcd-server, consul-server, nacos-server (every Raft server)", table: RAFT_OPTIONS, note: "Profiles `etcd` (100ms heartbeat, 1000-2000ms election timeouts, pre-vote, check-quorum) and `raft-paper` (50ms, 150-300ms) set these under the config. Also `voters` (default every server of the same kind and name) and `learners` (default none): address lists." },
  { kind: "etcd-client", table: ETCD_CLIENT_OPTIONS, note: "Also `servers` (default every `etcd-server`), `home` (the server tried first and the one serializable reads ask), and what a workload entry writes: `arrival` (closed: concurrency and think; default 2 and 50ms), `requests`, `stopAt`, `deadline` (opTimeout)." },
  { kind: "zk-server", table: ZK_SERVER_OPTIONS, note: "Also every Raft option above, read by raft-options.ts; the `etcd` and `raft-paper` profiles apply." },
  { kind: "zk-client", table: ZK_CLIENT_OPTIONS },
  { kind: "nacos-health-check", table: NACOS_HEALTH_CHECK_OPTIONS, note: "Beside each `nacos-server` (the Raft KV store of persistent instances; its Raft options as `etcd-server`'s, profile `nacos`). `consul-server` takes the Raft options too, profile `consul`." },
  { kind: "kafka-controller", table: CONTROLLER_OPTIONS, note: "Also `brokers` (required: every broker, in the order replicas are placed) and `topics` (default one topic `events`), each a name or the block below." },
  { kind: "kafka-controller: topics[]", table: TOPIC_OPTIONS, note: "Also `name` (required)." },
  { kind: "kafka-broker", table: BROKER_OPTIONS, note: "Also `controller` (required) and `flush`: `every`, `never` (Kafka's default: durability from replication) or every N appends." },
  { kind: "kafka-producer", table: PRODUCER_OPTIONS, note: "Also `controller` (required), `acks` (0, 1 or all; default all) and `enableIdempotence` (default on with acks=all), and the workload below." },
  { kind: "kafka-producer, queue-publisher: workload", table: MQ_WORKLOAD_OPTIONS, note: "A scenario's `workload:` entry writes `requests` (read as count) and `arrival` (poisson or constant, its ratePerSecond read as rate)." },
  { kind: "kafka-consumer", table: CONSUMER_OPTIONS, note: "Also `controller` and `coordinator` (required), and `topic` or `topics` (default `events`)." },
  { kind: "queue-broker", table: QUEUE_BROKER_OPTIONS, note: "Also `queues` (default one queue `events`), each a name or the block below, and `exchanges` with their bindings." },
  { kind: "queue-broker: queues[]", table: QUEUE_OPTIONS, note: "Also `name` (required), `deadLetterExchange` and `deadLetterRoutingKey` (RabbitMQ x-dead-letter-*; absent: none)." },
  { kind: "queue-publisher", table: PUBLISHER_OPTIONS, note: "Also `broker` (required), `routingKey` or `queue` (the default exchange with that routing key), and the workload above." },
  { kind: "queue-consumer", table: QUEUE_CONSUMER_OPTIONS, note: "Also `broker` and `queue` (required), `group` (default the queue), `failKeys` and `failIds` (poison messages)." },
  { kind: "2pc-coordinator, 3pc-coordinator", table: COORDINATOR_OPTIONS },
  { kind: "2pc-participant, 3pc-participant", table: PARTICIPANT_OPTIONS, note: "Also `vote`: yes, no, read-only, a probability of yes, weights, or a script." },
  { kind: "commit-client", table: COMMIT_CLIENT_OPTIONS, note: "Also `coordinator` and `participants` (required), `txnPrefix` (default the node's name), and what a workload entry writes: `requests` (count), `arrival` (rate), `deadline` (commitTimeout)." },
  { kind: "config-server", table: CONFIG_SERVER_OPTIONS, note: "Also `namespaces`: released as version 1 at the first start (default `{application: {}}`)." },
  { kind: "config-client", table: CONFIG_CLIENT_OPTIONS, note: "Also `servers` (default every config-server) and `namespaces` (default `[application]`)." },
  { kind: "config-release", table: CONFIG_RELEASE_OPTIONS, note: "Also `releases` (required: `{at, namespace, items}`) and `server` (default the first config-server)." },
  { kind: "spring-config-server", table: SPRING_CONFIG_SERVER_OPTIONS, note: "Also `repository` (label -> items at start, default `{main: {}}`) and `commits` (`{at, label, items}` pushed later)." },
  { kind: "spring-config-client", table: SPRING_CONFIG_CLIENT_OPTIONS, note: "Spring Cloud Config client and Spring Cloud Bus, Spring's names and defaults. Also `servers` (default every `spring-config-server`), `broker` (default the first `spring-bus-broker`) and `localItems` (the application's own application.yml)." },
  { kind: "spring-bus-broker", table: SPRING_BUS_BROKER_OPTIONS },
  { kind: "seata-tcc-server", table: SEATA_TCC_SERVER_OPTIONS, note: "The Seata server (TC) as it drives TCC branches, under Seata's config.txt keys, in milliseconds as there." },
  { kind: "seata-tcc-service", table: TCC_SERVICE_OPTIONS, note: "Also `service` (default the process name) and the shared business data (`users`, `items`, `initialBalance`, `initialStock`); `profile: tcc-fence` sets useTCCFence." },
  { kind: "seata-tcc-business", table: TCC_TM_OPTIONS, note: "Also `server`, `order`, `stock`, `payment` (default the one process of the kind, named or placed after the service) and the shared place-order options (`count`, `interval`, `startAt`, `users`, `items`, `quantity`, `price`)." },
  { kind: "saga-orchestrator", table: SAGA_ORCHESTRATOR_OPTIONS, note: "Also `order`, `stock`, `payment` (default the saga-service named or placed after the service) and the shared place-order options." },
  { kind: "saga-service", table: SAGA_SERVICE_OPTIONS, note: "Also `service` (default the process name) and the shared business data." },
];

/**
 * The built-in kinds with no scalar option to declare, and what their config holds instead. Every
 * other built-in kind is listed in OPTION_TABLES (a test fails on one that is in neither).
 */
export const KINDS_WITHOUT_SCALAR_OPTIONS: Readonly<Record<string, string>> = {
  "kafka-group-coordinator": "takes no config.",
  "kv-replica": "takes no config.",
  hdfs: "takes no config.",
  "etcd-admin": "`changes` (membership changes `{at, op, address}`, run in order) and `servers` (default every `etcd-server`).",
  "spring-bus-refresh": "`refreshes`: the calls of `/actuator/busrefresh` to make (`{at, target, destination}`).",
};

/** The text `docs/options.md` must hold, generated from the tables like the schema. */
export function optionsDocText(): string {
  const parts = [
    "# Component options",
    "",
    "Generated by `npm run schema` from each family's options table; do not edit by hand. Every",
    "option is declared once, with its type, unit, default, range, meaning and the modelled",
    "system's name for it; the runtime reader, the JSON Schema (`scenarios/schema.json`) and this",
    "page are derived from that declaration. Durations are microseconds or text (`250ms`, `30s`).",
  ];
  for (const { kind, table, note } of OPTION_TABLES) parts.push("", `## \`${kind}\``, "", ...(note ? [note, ""] : []), optionsDoc(table).trimEnd());
  parts.push(
    "",
    "## Kinds without scalar options",
    "",
    ...Object.entries(KINDS_WITHOUT_SCALAR_OPTIONS).map(([kind, holds]) => `- \`${kind}\`: ${holds}`),
  );
  return parts.join("\n") + "\n";
}
