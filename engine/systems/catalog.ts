import type { CheckerCatalog, ProcessCatalog } from "../run-options";
import { echoServer } from "./echo/echo-server";
import { echoClient } from "./workload/echo-client";
import { everyCallEnds } from "./checks/every-call-ends";
import { commitCheckers, commitProcesses } from "./commit/commit-catalog";
import { registryServer } from "./registry/registry-server";
import { backend } from "./backend/backend";
import { client } from "./workload/client";
import { proxyProcess } from "./proxy/proxy-process";

/**
 * The built-in process kinds, by the name scenario files use. Each component family adds its
 * kinds here in one line.
 */
export const builtinProcesses: ProcessCatalog = {
  ...commitProcesses,
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
  "every-call-ends": { factory: everyCallEnds, description: "Every call ends in a response or an error before its deadline." },
};
