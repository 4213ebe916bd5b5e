import { MINUTE, MS, SECOND } from "../../core/time";
import { badConfig, checkKeys } from "../../options/option-values";
import type { OptionTable, OptionValues } from "../../options/option-table";
import { defaultsOf, readOptions } from "../../options/option-table";

/**
 * What a server does when it stops hearing from an instance: `evict` (Eureka: the lease is
 * removed at the next eviction run, subject to self-preservation) or `mark-unhealthy` (Nacos,
 * Consul: the instance stays listed but unhealthy, critical; deletion is separate).
 */
export type ExpiryAction = "evict" | "mark-unhealthy";

/**
 * A registry server's options, each declared once (engine/options/option-table.ts). Names follow
 * Eureka's server config with the unit last; the defaults are Eureka's (DefaultEurekaServerConfig,
 * Lease.java). The `nacos-ephemeral` and `consul` profiles (registry-profiles.ts) override what
 * those systems do differently.
 */
export const REGISTRY_SERVER_OPTIONS = {
  leaseDurationUs: { type: "duration", default: 90 * SECOND, min: 1, description: "Silence after which an instance's lease has expired.", source: "Eureka leaseExpirationDurationInSeconds" },
  // Eureka's Lease.renew() sets lastUpdate = now + duration and isExpired adds the duration
  // again, so a renewed lease expires 2 x duration after the last renewal (180 s), a bug
  // Lease.java says "will not be fixed".
  eurekaLeaseBug: { type: "bool", default: true, description: "Reproduce Eureka's Lease.renew bug: a renewed lease expires 2 x duration after the renewal; false expires exactly one duration after.", source: "Eureka Lease.java" },
  evictionIntervalUs: { type: "duration", default: 60 * SECOND, min: 1, description: "How often the expiry task runs.", source: "Eureka evictionIntervalTimerInMs" },
  onExpiry: { type: "enum", default: "evict", values: ["evict", "mark-unhealthy"], description: "evict (Eureka) or mark-unhealthy (Nacos, Consul: listed but unhealthy)." },
  deleteAfterUs: { type: "duration", default: 0, description: "With mark-unhealthy: silence after which the instance is deleted; 0 never.", source: "Nacos ip-delete-timeout" },
  limitEvictionsPerRun: { type: "bool", default: true, description: "Evict at most size - (int)(size x renewalPercentThreshold) leases per run.", source: "Eureka AbstractInstanceRegistry.evict" },
  selfPreservation: { type: "bool", default: true, description: "Stop expiring leases while renewals are at or below the threshold.", source: "Eureka enableSelfPreservation" },
  renewalPercentThreshold: { type: "number", default: 0.85, min: 0, max: 1, description: "Share of expected renewals below which self-preservation holds; above 0.", source: "Eureka renewalPercentThreshold" },
  expectedClientRenewalIntervalUs: { type: "duration", default: 30 * SECOND, min: 1, description: "The renewal interval self-preservation assumes (2 renewals a minute per client at 30 s).", source: "Eureka expectedClientRenewalIntervalSeconds" },
  renewalThresholdUpdateIntervalUs: { type: "duration", default: 15 * MINUTE, description: "How often the expected renewals are recomputed.", source: "Eureka renewalThresholdUpdateIntervalMs" },
  // Eureka itself starts from the synced count (0), which leaves self-preservation's threshold
  // at 0 until the 15-minute update; Spring Cloud Netflix's InstanceRegistry uses 1, which is
  // what deployments run.
  expectedClientsAtStart: { type: "int", default: 1, min: 0, description: "Expected renewing clients when the server opens for traffic with nothing synced.", source: "Spring Cloud InstanceRegistry defaultOpenForTrafficCount" },
  protectThreshold: { type: "ratio", default: null, nullable: true, description: "When healthy/all <= this, a query returns every instance, marked protected; null turns it off (Eureka and Consul have none).", source: "Nacos protectThreshold" },
  responseCacheUpdateIntervalUs: { type: "duration", default: 30 * SECOND, description: "Refresh period of the read-only response cache; 0 answers live.", source: "Eureka responseCacheUpdateIntervalMs" },
  replicationBatchDelayUs: { type: "duration", default: 500 * MS, description: "Batching delay of replication to peers.", source: "Eureka PeerEurekaNode maxBatchingDelay" },
  replicationBatchSize: { type: "int", default: 250, min: 1, description: "Most commands in one replication batch.", source: "Eureka maxBatchSize" },
  replicationRetryUs: { type: "duration", default: SECOND, description: "Wait before retrying a peer after a failed batch.", source: "Eureka serverUnavailableSleepTimeMs" },
  maxReplicationAgeUs: { type: "duration", default: 30 * SECOND, description: "Replication tasks older than this are dropped.", source: "Eureka maxTimeForReplication" },
  replicationTimeoutUs: { type: "duration", default: SECOND, description: "Timeout of one replication call." },
  syncOnStart: { type: "bool", default: true, description: "Fetch the registry from a peer at start.", source: "Eureka syncUp" },
  watchTtlUs: { type: "duration", default: 90 * SECOND, description: "A watch lapses unless the client renews it within this long (every fetch does)." },
} as const satisfies OptionTable;

/** A registry server's options: the table's, and the peers it replicates to. */
export type RegistryServerOptions = OptionValues<typeof REGISTRY_SERVER_OPTIONS> & {
  /** Other registry servers to replicate to; null: every other process of kind `registry`. */
  peers: string[] | null;
  onExpiry: ExpiryAction;
};

/** Eureka's defaults, from the table: the base every profile overrides. */
export const EUREKA_SERVER_DEFAULTS: RegistryServerOptions = { ...defaultsOf(REGISTRY_SERVER_OPTIONS), peers: null };

/** The config keys of the `registry` process kind: the options, `peers` and `profile`. */
export const SERVER_KEYS = [...Object.keys(REGISTRY_SERVER_OPTIONS), "peers", "profile"];

/**
 * Merges a config over `base` (a profile, by default Eureka's) and checks every value. `where`
 * names the process in error messages.
 */
export function resolveServerOptions(config: Record<string, unknown>, base: RegistryServerOptions, where: string): RegistryServerOptions {
  checkKeys(config, SERVER_KEYS, where);
  const o: RegistryServerOptions = { ...readOptions(REGISTRY_SERVER_OPTIONS, config, where, base), peers: base.peers };
  if (o.renewalPercentThreshold <= 0) badConfig(where, "renewalPercentThreshold", "a number in (0, 1] (Eureka: 0.85)", config.renewalPercentThreshold);
  if (config.peers !== undefined) {
    const v = config.peers;
    if (v !== null && (!Array.isArray(v) || !v.every((p) => typeof p === "string" && p.includes("/")))) {
      badConfig(where, "peers", "a list of registry addresses such as \"r2/registry\"", v);
    }
    o.peers = v as string[] | null;
  }
  if (o.deleteAfterUs > 0 && o.deleteAfterUs < o.leaseDurationUs) {
    badConfig(where, "deleteAfterUs", `0 (never) or at least leaseDurationUs (${o.leaseDurationUs})`, o.deleteAfterUs);
  }
  return o;
}
