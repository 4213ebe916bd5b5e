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
  return o;
}
