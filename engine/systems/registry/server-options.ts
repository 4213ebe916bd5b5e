import type { Micros } from "../../core/time";
import { MINUTE, MS, SECOND } from "../../core/time";
import { badConfig, checkKeys, microsOr, toBool, toChoice, toInt } from "../../options/option-values";

/** What a server does when it stops hearing from an instance. */
export type ExpiryAction =
  /** Eureka: the lease is removed at the next eviction run (subject to self-preservation). */
  | "evict"
  /** Nacos, Consul: the instance stays listed but unhealthy (critical); deletion is separate. */
  | "mark-unhealthy";

/**
 * A registry server's configuration. Names follow Eureka's server config with the unit last;
 * the defaults are Eureka's (DefaultEurekaServerConfig, Lease.java), written once here. The
 * `nacos-ephemeral` and `consul` profiles (registry-profiles.ts) override what those systems do
 * differently.
 */
export interface RegistryServerOptions {
  /** Silence after which an instance's lease has expired. Eureka: 90 s (LeaseInfo default). */
  leaseDurationUs: Micros;
  /**
   * Eureka's Lease.renew() sets lastUpdate = now + duration and isExpired adds the duration again,
   * so a renewed lease expires 2 x duration after the last renewal (180 s), a bug Lease.java says
   * "will not be fixed". True reproduces it; false expires exactly one duration after.
   */
  eurekaLeaseBug: boolean;
  /** How often the expiry task runs. Eureka evictionIntervalTimerInMs: 60 s. */
  evictionIntervalUs: Micros;
  onExpiry: ExpiryAction;
  /** With `mark-unhealthy`: silence after which the instance is deleted; 0 never. Nacos: 30 s. */
  deleteAfterUs: Micros;
  /** Eureka: at most size - (int)(size x renewalPercentThreshold) leases are evicted per run. */
  limitEvictionsPerRun: boolean;
  /** Eureka enableSelfPreservation: true. */
  selfPreservation: boolean;
  /** Eureka renewalPercentThreshold: 0.85. */
  renewalPercentThreshold: number;
  /** Eureka expectedClientRenewalIntervalSeconds: 30 s, so 2 renewals a minute per client. */
  expectedClientRenewalIntervalUs: Micros;
  /** Eureka renewalThresholdUpdateIntervalMs: 15 min. */
  renewalThresholdUpdateIntervalUs: Micros;
  /**
   * The expected number of renewing clients when the server opens for traffic with nothing
   * synced. Eureka itself uses the synced count (0), which leaves self-preservation's threshold
   * at 0 until the 15-minute update; Spring Cloud Netflix's InstanceRegistry uses 1 (its
   * defaultOpenForTrafficCount), which is what deployments run and the default here.
   */
  expectedClientsAtStart: number;
  /**
   * Nacos protectThreshold: when healthy/all <= threshold, a query returns every instance and
   * says `protected`. null turns it off (Eureka and Consul have none). Nacos default: 0.
   */
  protectThreshold: number | null;
  /** Eureka responseCacheUpdateIntervalMs: the read-only response cache is refreshed every 30 s; 0 answers live. */
  responseCacheUpdateIntervalUs: Micros;
  /** Other registry servers to replicate to; default every other process of kind `registry`. */
  peers: string[] | null;
  /** Eureka PeerEurekaNode maxBatchingDelay: 500 ms. */
  replicationBatchDelayUs: Micros;
  /** Eureka maxElementsInPeerReplicationPool batches of 250 (maxBatchSize). */
  replicationBatchSize: number;
  /** Wait before retrying a peer after a failed batch. Eureka serverUnavailableSleepTimeMs: 1 s. */
  replicationRetryUs: Micros;
  /** Replication tasks older than this are dropped. Eureka maxTimeForReplication: 30 s. */
  maxReplicationAgeUs: Micros;
  /** Timeout of one replication call. */
  replicationTimeoutUs: Micros;
  /** Fetch the registry from a peer at start (Eureka syncUp). */
  syncOnStart: boolean;
  /** A watch lasts this long unless the client renews it (every fetch does). */
  watchTtlUs: Micros;
}

/** Eureka's defaults: the base every profile overrides. */
export const EUREKA_SERVER_DEFAULTS: RegistryServerOptions = {
  leaseDurationUs: 90 * SECOND,
  eurekaLeaseBug: true,
  evictionIntervalUs: 60 * SECOND,
  onExpiry: "evict",
  deleteAfterUs: 0,
  limitEvictionsPerRun: true,
  selfPreservation: true,
  renewalPercentThreshold: 0.85,
  expectedClientRenewalIntervalUs: 30 * SECOND,
  renewalThresholdUpdateIntervalUs: 15 * MINUTE,
  expectedClientsAtStart: 1,
  protectThreshold: null,
  responseCacheUpdateIntervalUs: 30 * SECOND,
  peers: null,
  replicationBatchDelayUs: 500 * MS,
  replicationBatchSize: 250,
  replicationRetryUs: SECOND,
  maxReplicationAgeUs: 30 * SECOND,
  replicationTimeoutUs: SECOND,
  syncOnStart: true,
  watchTtlUs: 90 * SECOND,
};

const DURATIONS = [
  "leaseDurationUs", "evictionIntervalUs", "deleteAfterUs", "expectedClientRenewalIntervalUs",
  "renewalThresholdUpdateIntervalUs", "responseCacheUpdateIntervalUs", "replicationBatchDelayUs",
  "replicationRetryUs", "maxReplicationAgeUs", "replicationTimeoutUs", "watchTtlUs",
] as const;

/** The config keys of the `registry` process kind: the options plus `profile`. */
export const SERVER_KEYS = [...Object.keys(EUREKA_SERVER_DEFAULTS), "profile"];

/**
 * Merges a config over `base` (a profile, by default Eureka's) and checks every value. `where`
 * names the process in error messages.
 */
export function resolveServerOptions(config: Record<string, unknown>, base: RegistryServerOptions, where: string): RegistryServerOptions {
  checkKeys(config, SERVER_KEYS, where);
  const o: RegistryServerOptions = { ...base };
  const c = config as Record<string, unknown>;
  for (const k of DURATIONS) o[k] = microsOr(c[k], base[k], where, k);
  if (c.eurekaLeaseBug !== undefined) o.eurekaLeaseBug = toBool(c.eurekaLeaseBug, where, "eurekaLeaseBug");
  if (c.onExpiry !== undefined) o.onExpiry = toChoice(c.onExpiry, ["evict", "mark-unhealthy"] as const, where, "onExpiry");
  if (c.limitEvictionsPerRun !== undefined) o.limitEvictionsPerRun = toBool(c.limitEvictionsPerRun, where, "limitEvictionsPerRun");
  if (c.selfPreservation !== undefined) o.selfPreservation = toBool(c.selfPreservation, where, "selfPreservation");
  if (c.syncOnStart !== undefined) o.syncOnStart = toBool(c.syncOnStart, where, "syncOnStart");
  if (c.renewalPercentThreshold !== undefined) {
    const v = c.renewalPercentThreshold;
    if (typeof v !== "number" || !(v > 0 && v <= 1)) badConfig(where, "renewalPercentThreshold", "a number in (0, 1] (Eureka: 0.85)", v);
    o.renewalPercentThreshold = v as number;
  }
  if (c.expectedClientsAtStart !== undefined) o.expectedClientsAtStart = toInt(c.expectedClientsAtStart, 0, where, "expectedClientsAtStart");
  if (c.replicationBatchSize !== undefined) o.replicationBatchSize = toInt(c.replicationBatchSize, 1, where, "replicationBatchSize");
  if (c.protectThreshold !== undefined) {
    const v = c.protectThreshold;
    if (v !== null && (typeof v !== "number" || v < 0 || v > 1)) badConfig(where, "protectThreshold", "null (off) or a ratio from 0 to 1 (Nacos: 0)", v);
    o.protectThreshold = v as number | null;
  }
  if (c.peers !== undefined) {
    const v = c.peers;
    if (v !== null && (!Array.isArray(v) || !v.every((p) => typeof p === "string" && p.includes("/")))) {
      badConfig(where, "peers", "a list of registry addresses such as \"r2/registry\"", v);
    }
    o.peers = v as string[] | null;
  }
  if (o.leaseDurationUs <= 0) badConfig(where, "leaseDurationUs", "positive", o.leaseDurationUs);
  if (o.evictionIntervalUs <= 0) badConfig(where, "evictionIntervalUs", "positive", o.evictionIntervalUs);
  if (o.expectedClientRenewalIntervalUs <= 0) badConfig(where, "expectedClientRenewalIntervalUs", "positive", o.expectedClientRenewalIntervalUs);
  if (o.deleteAfterUs > 0 && o.deleteAfterUs < o.leaseDurationUs) {
    badConfig(where, "deleteAfterUs", `0 (never) or at least leaseDurationUs (${o.leaseDurationUs})`, o.deleteAfterUs);
  }
  return o;
}
