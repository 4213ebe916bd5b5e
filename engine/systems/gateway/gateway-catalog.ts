import { SECOND } from "../../core/time";
import type { CheckerCatalog, ProcessCatalog } from "../../run-options";
import { gateway } from "./gateway";
import { gatewayAuth } from "./gateway-auth";
import { GATEWAY_SCHEMA } from "./gateway-config-schema";
import { THREAD_POOL_DEFAULTS, kongProxyDefaults } from "./gateway-options";
import type { JsonObject } from "../../core/json";

/**
 * The gateway kind, with profiles for the gateways users know. `kong`: Kong's Service defaults
 * (read_timeout and retries at once on timeouts and connect failures, from ROUTE_OPTIONS), which
 * are also the kind's defaults. `zuul`: Zuul 1 with Hystrix THREAD isolation (one shared pool of 10 threads,
 * Hystrix's 1 s execution timeout, zuul.retryable false). `zuul-separate-pools`: the same with
 * `useSeparateThreadPools`, one pool per route.
 */
export const gatewayProcesses: ProcessCatalog = {
  gateway: {
    factory: gateway,
    configSchema: GATEWAY_SCHEMA,
    profiles: {
      kong: { proxy: kongProxyDefaults() as JsonObject },
      zuul: { threadPool: { ...THREAD_POOL_DEFAULTS }, proxy: { timeoutUs: SECOND, retry: null } },
      "zuul-separate-pools": { threadPool: { ...THREAD_POOL_DEFAULTS, separatePools: true }, proxy: { timeoutUs: SECOND, retry: null } },
    },
    description: "An API gateway (Kong, Spring Cloud Gateway, Zuul): path routes, key-auth, per-client rate limit, thread pools, a service proxy per route.",
  },
};

/** The gateway's checkers. */
export const gatewayCheckers: CheckerCatalog = {
  "gateway-auth": { factory: gatewayAuth, description: "No request the gateway refused for authentication reaches a backend." },
};
