import { SECOND } from "../../core/time";
import { badConfig, checkKeys } from "../../options/option-values";
import type { OptionTable, OptionValues } from "../../options/option-table";
import { defaultsOf, readOptions } from "../../options/option-table";

/**
 * Deliberate, realistic bugs of a registry client, for the bug zoo. `cache-never-expires`: the
 * first answer for a service is kept forever, never refreshed and never replaced by a push, like
 * a JVM that caches DNS forever (`networkaddress.cache.ttl=-1`). Clients keep calling instances
 * that are long gone; `no-stale-routing` catches it.
 */
export type RegistryClientBug = "none" | "cache-never-expires";

/**
 * A registry client's options (the library inside backends and callers), each declared once.
 * Names follow Eureka's client config with the unit last; defaults are Eureka's
 * (DefaultEurekaClientConfig, LeaseInfo).
 */
export const REGISTRY_CLIENT_OPTIONS = {
  renewalIntervalUs: { type: "duration", default: 30 * SECOND, min: 1, description: "Heartbeat (lease renewal) interval.", source: "Eureka leaseRenewalIntervalInSeconds" },
  fetchIntervalUs: { type: "duration", default: 30 * SECOND, min: 1, description: "Cache refresh interval.", source: "Eureka registryFetchIntervalSeconds" },
  watch: { type: "bool", default: false, description: "Subscribe for pushes (Nacos, Consul blocking queries); Eureka only polls." },
  callTimeoutUs: { type: "duration", default: 2 * SECOND, min: 1, description: "Timeout of one call to a registry server." },
  // Eureka and Nacos rely on renewals answering "not found" instead of anti-entropy.
  antiEntropyIntervalUs: { type: "duration", default: 0, description: "Re-send the full registration this often; 0 never.", source: "Consul anti-entropy (1 min x scale)" },
  filterOnlyUp: { type: "bool", default: true, description: "Route only to instances whose status is UP; unhealthy instances are always dropped.", source: "Eureka shouldFilterOnlyUpInstances" },
  shuffleServers: { type: "bool", default: true, description: "Try servers in a random order per client, own zone first (Eureka randomizes its endpoint list)." },
  bug: { type: "enum", default: "none", values: ["none", "cache-never-expires"], description: "Bug zoo: cache-never-expires keeps the first answer forever." },
  // The store behind the client (backends/): the AP registry servers above, or a CP store of the
  // consensus family. The proxy and the backends call the same client methods whichever it is.
  backend: { type: "enum", default: "peer", values: ["peer", "etcd", "zookeeper", "consul-catalog", "nacos"], description: "The registry store: peer (the AP registry servers of kind registry), etcd (a key under a lease), zookeeper (an ephemeral znode), consul-catalog (the Raft catalog with a TTL check), nacos (with ephemeral false: a persistent instance in the Raft store, health-checked by the server)." },
  leaseTtlUs: { type: "duration", default: 60 * SECOND, min: 1, description: "etcd: the lease TTL an instance's key is put under; keep-alives every third of it.", source: "etcd LeaseGrant TTL; clientv3 concurrency.Session default TTL 60 s, keep-alive every TTL/3" },
  sessionTimeoutUs: { type: "duration", default: 60 * SECOND, min: 1, description: "zookeeper: the session timeout asked for; the server clamps it to [2, 20] x tickTime.", source: "ZooKeeper sessionTimeout; Curator DEFAULT_SESSION_TIMEOUT_MS 60 s" },
  serializable: { type: "bool", default: false, description: "etcd: discovery reads answered by any server from its own state (may be stale) instead of linearizable reads through the leader.", source: "etcd clientv3 WithSerializable, etcdctl --consistency=s" },
  consistency: { type: "enum", default: "default", values: ["default", "consistent", "stale"], description: "consul-catalog: the read mode of discovery queries: default (the leader answers from its state, no quorum round), consistent (?consistent: the leader first confirms it leads with a quorum), stale (?stale: any server answers).", source: "Consul API consistency modes" },
  checkTtlUs: { type: "duration", default: 10 * SECOND, min: 1, description: "consul-catalog: the TTL of the instance's health check; critical (not routed) once the servers have not heard a pass for this long.", source: "Consul check ttl" },
  ephemeral: { type: "bool", default: true, description: "nacos: false registers a persistent instance (kept until deregistered, its health checked by the server); Nacos's ephemeral instances are the AP profile nacos-ephemeral on backend peer.", source: "Nacos instance ephemeral" },
} as const satisfies OptionTable;

/** A registry client's options: the table's, and the servers it talks to. */
export type RegistryClientOptions = OptionValues<typeof REGISTRY_CLIENT_OPTIONS> & {
  /** Registry servers to talk to; null: every process of kind `registry`, own zone first. */
  servers: string[] | null;
};

/** Eureka's client defaults, from the table. */
export const EUREKA_CLIENT_DEFAULTS: RegistryClientOptions = { ...defaultsOf(REGISTRY_CLIENT_OPTIONS), servers: null };

/** The config keys of a registry client: the options, `servers` and `profile`. */
export const CLIENT_KEYS = [...Object.keys(REGISTRY_CLIENT_OPTIONS), "servers", "profile"];

/** Merges a client config over `base` and checks it; `where` names the process and field. */
export function resolveClientOptions(config: Record<string, unknown>, base: RegistryClientOptions, where: string): RegistryClientOptions {
  checkKeys(config, CLIENT_KEYS, where);
  const o: RegistryClientOptions = { ...readOptions(REGISTRY_CLIENT_OPTIONS, config, where, base), servers: base.servers };
  if (config.servers !== undefined && config.servers !== null) {
    const v = config.servers;
    if (!Array.isArray(v) || v.length === 0 || !v.every((s) => typeof s === "string" && s.includes("/"))) {
      badConfig(where, "servers", 'a non-empty list of registry addresses such as "r1/registry"', v);
    }
    o.servers = v as string[];
  }
  if (o.backend === "nacos" && o.ephemeral) {
    badConfig(where, "ephemeral", "false with backend nacos (a persistent instance); ephemeral Nacos instances are the AP profile nacos-ephemeral", o.ephemeral);
  }
  return o;
}
