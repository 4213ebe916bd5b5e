import { MS, SECOND } from "../../core/time";
import type { RegistryServerOptions } from "./server-options";
import { EUREKA_SERVER_DEFAULTS, resolveServerOptions } from "./server-options";
import type { RegistryClientOptions } from "./client-options";
import { EUREKA_CLIENT_DEFAULTS, resolveClientOptions } from "./client-options";
import { ServiceConfigError } from "../../options/option-values";

/**
 * A profile's settings: the overrides of one system, read over Eureka's defaults by the same
 * readers a scenario's config goes through, so a profile value out of its declared range fails
 * when this module loads.
 */
function profileOf(name: string, server: Record<string, unknown>, client: Record<string, unknown>): Pick<RegistryProfile, "server" | "client"> {
  return {
    server: resolveServerOptions(server, EUREKA_SERVER_DEFAULTS, `registry profile ${name}`),
    client: resolveClientOptions(client, EUREKA_CLIENT_DEFAULTS, `registry profile ${name}: client`),
  };
}

/** A registry profile: the server's and the clients' settings of one known system. */
export interface RegistryProfile {
  description: string;
  server: RegistryServerOptions;
  client: RegistryClientOptions;
}

/**
 * Named profiles that reproduce a known registry's documented defaults (REFERENCE.md §3).
 *
 * - `eureka`: renew 30 s, lease 90 s (expiring at 180 s by Lease.java's bug), eviction every
 *   60 s, self-preservation at 0.85, read-only response cache 30 s, client fetch 30 s, polling.
 * - `nacos-ephemeral`: heartbeat 5 s, unhealthy after 15 s, deleted after 30 s, checked every
 *   5 s, protectThreshold 0, push to subscribers plus a 10 s refresh. Distro's per-server
 *   responsibility for health checks is not modelled: every server judges the beats it receives
 *   directly or by replication.
 * - `consul`: the agent (the client library) heartbeats every 2 s and the servers mark an
 *   instance critical after 6 s of silence, standing in for Serf's failure detection; critical
 *   instances stay listed (no deregister_critical_service_after); anti-entropy re-sends the full
 *   registration every minute; stale reads from any server, replication about 50 ms behind.
 *   The Raft catalog is not modelled here (a CP store comes with the consensus issue).
 */
export const REGISTRY_PROFILES: Record<"eureka" | "nacos-ephemeral" | "consul", RegistryProfile> = {
  eureka: {
    description: "Netflix Eureka: leases, eviction, self-preservation, response cache, polling clients.",
    server: EUREKA_SERVER_DEFAULTS,
    client: EUREKA_CLIENT_DEFAULTS,
  },
  "nacos-ephemeral": {
    description: "Nacos ephemeral instances (Distro, AP): 5 s beats, unhealthy at 15 s, deleted at 30 s, protect threshold, push.",
    ...profileOf("nacos-ephemeral", {
      leaseDurationUs: 15 * SECOND,
      eurekaLeaseBug: false,
      evictionIntervalUs: 5 * SECOND,
      onExpiry: "mark-unhealthy",
      deleteAfterUs: 30 * SECOND,
      limitEvictionsPerRun: false,
      selfPreservation: false,
      protectThreshold: 0,
      responseCacheUpdateIntervalUs: 0,
      replicationBatchDelayUs: SECOND,
      watchTtlUs: 30 * SECOND,
    }, { renewalIntervalUs: 5 * SECOND, fetchIntervalUs: 10 * SECOND, watch: true }),
  },
  consul: {
    description: "Consul with stale reads: agent health checks, critical instances kept, anti-entropy every minute, blocking-query watches.",
    ...profileOf("consul", {
      leaseDurationUs: 6 * SECOND,
      eurekaLeaseBug: false,
      evictionIntervalUs: SECOND,
      onExpiry: "mark-unhealthy",
      deleteAfterUs: 0,
      limitEvictionsPerRun: false,
      selfPreservation: false,
      protectThreshold: null,
      responseCacheUpdateIntervalUs: 0,
      replicationBatchDelayUs: 50 * MS,
      watchTtlUs: 5 * 60 * SECOND,
    }, { renewalIntervalUs: 2 * SECOND, fetchIntervalUs: 60 * SECOND, watch: true, antiEntropyIntervalUs: 60 * SECOND }),
  },
};

/** A profile's name. */
export type RegistryProfileName = keyof typeof REGISTRY_PROFILES;

/** Looks a profile up by name, with an error that lists the valid names. */
export function registryProfile(name: unknown, where: string): RegistryProfile {
  if (name === undefined || name === null) return REGISTRY_PROFILES.eureka;
  if (typeof name === "string" && Object.prototype.hasOwnProperty.call(REGISTRY_PROFILES, name)) {
    return REGISTRY_PROFILES[name as RegistryProfileName];
  }
  throw new ServiceConfigError(
    "CS701",
    `${where}: profile must be one of ${Object.keys(REGISTRY_PROFILES).map((n) => JSON.stringify(n)).join(", ")}, got ${JSON.stringify(name)}`,
  );
}

/**
 * A registry client's options from a process's `registry` config: a profile name (`eureka` by
 * default) and any overrides, for example `{ profile: "nacos-ephemeral", fetchIntervalUs: "5s" }`.
 */
export function registryClientOptions(config: unknown, where: string): RegistryClientOptions {
  if (config === undefined || config === null) return REGISTRY_PROFILES.eureka.client;
  if (typeof config !== "object" || Array.isArray(config)) {
    throw new ServiceConfigError("CS701", `${where}: registry must be a mapping of registry client options, got ${JSON.stringify(config)}`);
  }
  const c = config as Record<string, unknown>;
  return resolveClientOptions(c, registryProfile(c.profile, where).client, `${where}: registry`);
}
