import type { CheckerCatalog, ProcessCatalog } from "../../run-options";
import { registryServer } from "../registry/registry-server";
import { REGISTRY_CLIENT_PROFILE_NAMES, REGISTRY_PROFILES } from "../registry/registry-profiles";
import { REGISTRY_SERVER_SCHEMA } from "../registry/registry-config-schema";
import { noStaleRouting } from "../registry/no-stale-routing";
import { registryConverges } from "../registry/registry-converges";
import { backend } from "../backend/backend";
import { BACKEND_SCHEMA } from "../backend/backend-config-schema";
import { proxyProcess } from "../proxy/proxy-process";
import { PROXY_SCHEMA } from "../proxy/proxy-config-schema";
import { breakerProbes } from "../proxy/breaker-probes";
import { callsMeetDeadlines } from "../proxy/calls-meet-deadlines";
import { instancesShareLoad } from "../proxy/instances-share-load";
import { client } from "./client";
import { CLIENT_SCHEMA } from "./client-config-schema";

/** Profiles of kinds that embed a registry client (AP and CP names), or of the AP registry servers: the profile, where each kind keeps it. */
const byRegistry = (wrap: (profile: string) => Record<string, unknown>, names: readonly string[] = REGISTRY_CLIENT_PROFILE_NAMES) =>
  Object.fromEntries(names.map((n) => [n, wrap(n)])) as Record<string, never>;

/**
 * The service-call path's process kinds: registry servers, backends, workload clients and the
 * sidecar proxy, with their config schemas and the registry profiles (`eureka`,
 * `nacos-ephemeral`, `consul`) each can take.
 */
export const serviceProcesses: ProcessCatalog = {
  registry: {
    factory: registryServer, configSchema: REGISTRY_SERVER_SCHEMA, profiles: byRegistry((profile) => ({ profile }), Object.keys(REGISTRY_PROFILES)),
    description: "A service registry server: leases, expiry, self-preservation, watches, AP replication (eureka, nacos-ephemeral, consul).",
  },
  backend: {
    factory: backend, configSchema: BACKEND_SCHEMA, profiles: byRegistry((profile) => ({ registry: { profile } })),
    description: "A service instance: registers, serves with configurable latency, errors, concurrency and a queue.",
  },
  client: {
    factory: client, configSchema: CLIENT_SCHEMA, profiles: byRegistry((profile) => ({ proxy: { registry: { profile } } })),
    description: "A workload: open- or closed-loop calls to a service through a service proxy.",
  },
  proxy: {
    factory: proxyProcess, configSchema: PROXY_SCHEMA, profiles: byRegistry((profile) => ({ registry: { profile } })),
    description: "A sidecar service proxy: registry lookup, balancing, breaker, retries, limits, hedging, fallback.",
  },
};

/** The service-call path's checkers. */
export const serviceCheckers: CheckerCatalog = {
  "no-stale-routing": { factory: noStaleRouting, description: "No call is routed to an instance the registry removed longer than the staleness bound ago." },
  "registry-converges": { factory: registryConverges, description: "After faults heal, every registry server and client agree on each service within a bound." },
  "breaker-probes": { factory: breakerProbes, description: "No call passes an open circuit breaker beyond its half-open probes." },
  "calls-meet-deadlines": { factory: callsMeetDeadlines, description: "Every proxied call with a deadline ends by its deadline." },
  "instances-share-load": { factory: instancesShareLoad, description: "After faults heal, no live instance is starved of a client's calls." },
};
