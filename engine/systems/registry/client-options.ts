import type { Micros } from "../../core/time";
import { SECOND } from "../../core/time";
import { badConfig, checkKeys, microsOr, toBool, toChoice } from "../../options/option-values";

/**
 * Deliberate, realistic bugs of a registry client, for the bug zoo. `cache-never-expires`: the
 * first answer for a service is kept forever, never refreshed and never replaced by a push, like
 * a JVM that caches DNS forever (`networkaddress.cache.ttl=-1`). Clients keep calling instances
 * that are long gone; `no-stale-routing` catches it.
 */
export type RegistryClientBug = "none" | "cache-never-expires";

/**
 * A registry client's configuration (the library inside backends and callers). Names follow
 * Eureka's client config with the unit last; defaults are Eureka's (DefaultEurekaClientConfig,
 * LeaseInfo), written once here.
 */
export interface RegistryClientOptions {
  /** Registry servers to talk to; default every process of kind `registry`, own zone first. */
  servers: string[] | null;
  /** Eureka leaseRenewalIntervalInSeconds: 30 s. */
  renewalIntervalUs: Micros;
  /** Eureka registryFetchIntervalSeconds: 30 s. */
  fetchIntervalUs: Micros;
  /** Subscribe for pushes (Nacos, Consul blocking queries); Eureka only polls. */
  watch: boolean;
  /** Timeout of one call to a registry server. */
  callTimeoutUs: Micros;
  /**
   * Consul anti-entropy: the agent re-sends its full registration this often (1 min x scale);
   * 0 never. Eureka and Nacos rely on renewals answering "not found" instead.
   */
  antiEntropyIntervalUs: Micros;
  /** Eureka shouldFilterOnlyUpInstances: true. Unhealthy instances are always dropped. */
  filterOnlyUp: boolean;
  /** Order servers randomly per client (Eureka randomizes its endpoint list), own zone first. */
  shuffleServers: boolean;
  bug: RegistryClientBug;
}

/** Eureka's client defaults. */
export const EUREKA_CLIENT_DEFAULTS: RegistryClientOptions = {
  servers: null,
  renewalIntervalUs: 30 * SECOND,
  fetchIntervalUs: 30 * SECOND,
  watch: false,
  callTimeoutUs: 2 * SECOND,
  antiEntropyIntervalUs: 0,
  filterOnlyUp: true,
  shuffleServers: true,
  bug: "none",
};

/** The config keys of a registry client: the options plus `profile`. */
export const CLIENT_KEYS = [...Object.keys(EUREKA_CLIENT_DEFAULTS), "profile"];

/** Merges a client config over `base` and checks it; `where` names the process and field. */
export function resolveClientOptions(config: Record<string, unknown>, base: RegistryClientOptions, where: string): RegistryClientOptions {
  checkKeys(config, CLIENT_KEYS, where);
  const o: RegistryClientOptions = { ...base };
  for (const k of ["renewalIntervalUs", "fetchIntervalUs", "callTimeoutUs", "antiEntropyIntervalUs"] as const) {
    o[k] = microsOr(config[k], base[k], where, k);
  }
  if (config.watch !== undefined) o.watch = toBool(config.watch, where, "watch");
  if (config.filterOnlyUp !== undefined) o.filterOnlyUp = toBool(config.filterOnlyUp, where, "filterOnlyUp");
  if (config.shuffleServers !== undefined) o.shuffleServers = toBool(config.shuffleServers, where, "shuffleServers");
  if (config.bug !== undefined) o.bug = toChoice(config.bug, ["none", "cache-never-expires"] as const, where, "bug");
  if (config.servers !== undefined && config.servers !== null) {
    const v = config.servers;
    if (!Array.isArray(v) || v.length === 0 || !v.every((s) => typeof s === "string" && s.includes("/"))) {
      badConfig(where, "servers", 'a non-empty list of registry addresses such as "r1/registry"', v);
    }
    o.servers = v as string[];
  }
  if (o.renewalIntervalUs <= 0) badConfig(where, "renewalIntervalUs", "positive", o.renewalIntervalUs);
  if (o.fetchIntervalUs <= 0) badConfig(where, "fetchIntervalUs", "positive", o.fetchIntervalUs);
  if (o.callTimeoutUs <= 0) badConfig(where, "callTimeoutUs", "positive", o.callTimeoutUs);
  return o;
}
