import type { CheckerCatalog, ProcessCatalog } from "../run-options";
import { echoServer } from "./echo/echo-server";
import { echoClient } from "./workload/echo-client";
import { everyCallEnds } from "./checks/every-call-ends";
import { commitCheckers, commitProcesses } from "./commit/commit-catalog";
import { registryServer } from "./registry/registry-server";
import { backend } from "./backend/backend";
import { mqCheckers, mqProcesses } from "./mq/mq-catalog";
import { client } from "./workload/client";
import { proxyProcess } from "./proxy/proxy-process";
import { noStaleRouting } from "./registry/no-stale-routing";
import { registryConverges } from "./registry/registry-converges";
import { breakerProbes } from "./proxy/breaker-probes";
import { callsMeetDeadlines } from "./proxy/calls-meet-deadlines";
import { instancesShareLoad } from "./proxy/instances-share-load";

/**
 * The built-in process kinds, by the name scenario files use. Each component family adds its
 * kinds here in one line.
 */
export const builtinProcesses: ProcessCatalog = {
  ...commitProcesses,
  ...mqProcesses,
  "echo-server": { factory: echoServer, description: "Answers every request with its body, after an optional service time." },
  "echo-client": { factory: echoClient, description: "Calls echo servers with Poisson arrivals and fails over on errors." },
  registry: { factory: registryServer, description: "A service registry server: leases, expiry, self-preservation, watches, AP replication." },
  backend: { factory: backend, description: "A service instance: registers, serves with configurable latency, errors, concurrency and queue." },
  client: { factory: client, description: "A workload: open- or closed-loop requests to a service through a service proxy." },
  proxy: { factory: proxyProcess, description: "A sidecar service proxy: registry lookup, balancing, breaker, retries, limits, fallback." },
};

/** The built-in checkers, by name. */
export const builtinCheckers: CheckerCatalog = {
  ...commitCheckers,
  ...mqCheckers,
  "every-call-ends": { factory: everyCallEnds, description: "Every call ends in a response or an error before its deadline." },
  "no-stale-routing": { factory: noStaleRouting, description: "No call is routed to an instance the registry removed longer than the staleness bound ago." },
  "registry-converges": { factory: registryConverges, description: "After faults heal, every registry server and client agree on each service within a bound." },
  "breaker-probes": { factory: breakerProbes, description: "No call passes an open circuit breaker beyond its half-open probes." },
  "calls-meet-deadlines": { factory: callsMeetDeadlines, description: "Every proxied call with a deadline ends by its deadline." },
  "instances-share-load": { factory: instancesShareLoad, description: "After faults heal, no live instance is starved of a client's calls." },
};
