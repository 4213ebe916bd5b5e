import type { JsonObject } from "../../core/json";
import { REGISTRY_PROFILES } from "./registry-profiles";
import { bool, closedObject, duration, int, ratio } from "../../options/schema-fragments";

const profile: JsonObject = { enum: Object.keys(REGISTRY_PROFILES), description: "A registry profile: eureka (default), nacos-ephemeral, consul. The options below override it." };

/** The `registry` kind's config: the server options (server-options.ts) and `profile`. */
export const REGISTRY_SERVER_SCHEMA: JsonObject = closedObject({
  profile,
  leaseDurationUs: duration("Silence after which a lease has expired. Eureka 90 s."),
  eurekaLeaseBug: bool("Reproduce Eureka's Lease.renew bug: a renewed lease expires 2 x duration after the renewal. Eureka: true."),
  evictionIntervalUs: duration("How often the expiry task runs. Eureka 60 s, Nacos 5 s."),
  onExpiry: { enum: ["evict", "mark-unhealthy"], description: "evict (Eureka) or mark-unhealthy (Nacos, Consul)." },
  deleteAfterUs: duration("With mark-unhealthy: silence after which the instance is deleted; 0 never. Nacos 30 s."),
  limitEvictionsPerRun: bool("Evict at most size - (int)(size x renewalPercentThreshold) per run (Eureka)."),
  selfPreservation: bool("Stop expiring leases while renewals are at or below the threshold (Eureka: true)."),
  renewalPercentThreshold: { type: "number", exclusiveMinimum: 0, maximum: 1, description: "Eureka 0.85." },
  expectedClientRenewalIntervalUs: duration("The renewal interval self-preservation assumes. Eureka 30 s."),
  renewalThresholdUpdateIntervalUs: duration("How often the expected renewals are recomputed. Eureka 15 min."),
  expectedClientsAtStart: int(0, "Expected renewing clients when the server opens with nothing synced (Spring Cloud: 1)."),
  protectThreshold: { anyOf: [{ type: "null" }, ratio("Nacos protection threshold: at healthy/all <= this, return every instance.")], description: "null (off) or a ratio; Nacos 0." },
  responseCacheUpdateIntervalUs: duration("Refresh period of Eureka's read-only response cache; 0 answers live. Eureka 30 s."),
  peers: { type: ["array", "null"], items: { type: "string", pattern: "^[^/]+/[^/]+$" }, description: "Registry servers to replicate to; default every other process of kind registry." },
  replicationBatchDelayUs: duration("Batching delay of replication to peers. Eureka 500 ms."),
  replicationBatchSize: int(1, "Most commands in one replication batch. Eureka 250."),
  replicationRetryUs: duration("Wait before retrying a peer. Eureka 1 s."),
  maxReplicationAgeUs: duration("Replication tasks older than this are dropped. Eureka 30 s."),
  replicationTimeoutUs: duration("Timeout of one replication call."),
  syncOnStart: bool("Fetch the registry from a peer at start (Eureka syncUp)."),
  watchTtlUs: duration("A watch lapses unless renewed within this long."),
}, "A registry server (Eureka-, Nacos- or Consul-like), AP: asynchronous replication to its peers.");

/** A registry client's config (the `registry` block of backends, clients and proxies). */
export const REGISTRY_CLIENT_SCHEMA: JsonObject = closedObject({
  profile,
  servers: { type: ["array", "null"], items: { type: "string", pattern: "^[^/]+/[^/]+$" }, description: "Registry servers; default every process of kind registry, own zone first." },
  renewalIntervalUs: duration("Heartbeat (lease renewal) interval. Eureka 30 s, Nacos 5 s."),
  fetchIntervalUs: duration("Cache refresh interval. Eureka 30 s, Nacos 10 s."),
  watch: bool("Subscribe for pushes (Nacos, Consul); Eureka only polls."),
  callTimeoutUs: duration("Timeout of one call to a registry server."),
  antiEntropyIntervalUs: duration("Re-send the full registration this often (Consul 1 min); 0 never."),
  filterOnlyUp: bool("Route only to instances whose status is UP (Eureka: true)."),
  shuffleServers: bool("Try servers in a random order per client, own zone first."),
  bug: { enum: ["none", "cache-never-expires"], description: "Bug zoo: cache-never-expires keeps the first answer forever." },
}, "Registry client options: a profile and overrides.");
