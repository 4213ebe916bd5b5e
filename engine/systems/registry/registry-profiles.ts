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

/** A CP registry profile: client settings only, since its servers are the consensus family's. */
export interface CpRegistryProfile {
  description: string;
  client: RegistryClientOptions;
}

const cpProfile = (name: string, description: string, client: Record<string, unknown>): CpRegistryProfile =>
  ({ description, client: resolveClientOptions(client, EUREKA_CLIENT_DEFAULTS, `registry profile ${name}: client`) });

/**
 * Registry profiles whose store is CP, on the consensus family's Raft (backends/, and
 * docs/cp-registries.md for the sources). Processes of kind backend, client and proxy take them
 * like the AP profiles; the servers are etcd-server, zk-server, consul-server or nacos-server.
 *
 * - `etcd`: a key under a lease (TTL 60 s, clientv3's concurrency.Session default), kept alive
 *   every TTL/3; discovery by a linearizable range read and a prefix watch.
 * - `zookeeper`: an ephemeral znode in a session (timeout 60 s asked, Curator's default, clamped
 *   by the server); discovery by getChildren with a watch.
 * - `consul-catalog`: the Raft catalog with a TTL check of 10 s; reads in Consul's default
 *   consistency mode (`consistency: consistent` or `stale` for `?consistent` / `?stale`).
 * - `nacos-persistent`: `ephemeral: false`, a Raft (JRaft) record kept until deregistered and
 *   health-checked by the server (kind nacos-health-check), not by heartbeats expiring.
 */
export const CP_REGISTRY_PROFILES: Record<"etcd" | "zookeeper" | "consul-catalog" | "nacos-persistent", CpRegistryProfile> = {
  etcd: cpProfile("etcd", "etcd: instances as keys under a lease with keep-alives; discovery by range read and watch.", { backend: "etcd", watch: true }),
  zookeeper: cpProfile("zookeeper", "ZooKeeper: instances as ephemeral znodes of a session; discovery by getChildren and a child watch.", { backend: "zookeeper", watch: true }),
  "consul-catalog": cpProfile("consul-catalog", "Consul's Raft catalog: a TTL check per instance; default, consistent or stale reads.", { backend: "consul-catalog", watch: true }),
  "nacos-persistent": cpProfile("nacos-persistent", "Nacos persistent instances (ephemeral=false, CP on JRaft): kept until deregistered, health-checked by the server.", { backend: "nacos", ephemeral: false, watch: true }),
};

/** Every profile name a registry client takes, AP and CP. */
export const REGISTRY_CLIENT_PROFILE_NAMES = [...Object.keys(REGISTRY_PROFILES), ...Object.keys(CP_REGISTRY_PROFILES)];

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
 * default; AP or CP) and any overrides, for example `{ profile: "nacos-ephemeral", fetchIntervalUs: "5s" }`
 * or `{ profile: "etcd", leaseTtlUs: "5s" }`.
 */
export function registryClientOptions(config: unknown, where: string): RegistryClientOptions {
  if (config === undefined || config === null) return REGISTRY_PROFILES.eureka.client;
  if (typeof config !== "object" || Array.isArray(config)) {
    throw new ServiceConfigError("CS701", `${where}: registry must be a mapping of registry client options, got ${JSON.stringify(config)}`);
  }
  const c = config as Record<string, unknown>;
  const cp = typeof c.profile === "string" && Object.prototype.hasOwnProperty.call(CP_REGISTRY_PROFILES, c.profile)
    ? CP_REGISTRY_PROFILES[c.profile as keyof typeof CP_REGISTRY_PROFILES] : null;
  if (!cp && c.profile !== undefined && c.profile !== null && !Object.prototype.hasOwnProperty.call(REGISTRY_PROFILES, String(c.profile))) {
    throw new ServiceConfigError("CS701", `${where}: registry profile must be one of ${REGISTRY_CLIENT_PROFILE_NAMES.map((n) => JSON.stringify(n)).join(", ")}, got ${JSON.stringify(c.profile)}`);
  }
  return resolveClientOptions(c, cp ? cp.client : registryProfile(c.profile, where).client, `${where}: registry`);
}
