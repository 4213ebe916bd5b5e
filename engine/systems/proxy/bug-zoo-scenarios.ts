import { MS, SECOND } from "../../core/time";
import type { Scenario } from "../../scenario";

/**
 * The bug zoo's scenarios: each switches one realistic bug on (or off, to show the checker holds
 * without it) under a random nemesis, with the checker that catches it. They are plain typed
 * scenarios, so a test, the shrinker or the library can run them. Test and library code.
 */

const backends = (n: number) => Array.from({ length: n }, (_, i) => `b${i + 1}`);

/**
 * A registry client that never lets go of its first answer (`cache-never-expires`) keeps calling
 * an instance after a crash took it out of the registry. Nacos timings make it quick: unhealthy
 * 15 s after the last beat; a correct client learns it by push at once.
 */
export function cacheNeverExpires(bug: boolean): Scenario {
  const registry = { profile: "nacos-ephemeral" };
  return {
    name: `bug zoo: cache-never-expires (${bug ? "on" : "off"})`,
    duration: 240 * SECOND,
    nodes: [{ name: "r1" }, ...backends(4).map((name) => ({ name })), { name: "c1" }],
    network: { latency: { dist: "lognormal", median: MS, sigma: 0.3 } },
    processes: [
      { node: "r1", name: "registry", kind: "registry", config: { profile: "nacos-ephemeral" } },
      ...backends(4).map((node) => ({ node, name: "api", kind: "backend", config: { registry, latency: "5ms" } })),
      {
        node: "c1", name: "client", kind: "client",
        config: { service: "api", arrival: { pattern: "poisson", ratePerSecond: 20 }, proxy: { registry: { ...registry, bug: bug ? "cache-never-expires" : "none" }, timeoutUs: 200 * MS } },
      },
    ],
    nemesis: {
      mix: { crash: 1 }, targets: backends(4),
      interval: { dist: "exponential", mean: 30 * SECOND }, duration: { dist: "uniform", min: 10 * SECOND, max: 60 * SECOND },
      until: 150 * SECOND,
    },
    checks: [{ name: "no-stale-routing", params: { bound: 20 * SECOND } }],
  };
}

/**
 * A breaker that lets every call through in HALF_OPEN (`half-open-lets-all-through`): when the
 * wait ends while an instance is still dead, the whole load goes out as "probes".
 */
export function halfOpenLetsAllThrough(bug: boolean): Scenario {
  return {
    name: `bug zoo: half-open-lets-all-through (${bug ? "on" : "off"})`,
    duration: 120 * SECOND,
    nodes: [...backends(2).map((name) => ({ name })), { name: "c1" }],
    network: { latency: { dist: "lognormal", median: MS, sigma: 0.3 } },
    processes: [
      ...backends(2).map((node) => ({ node, name: "api", kind: "backend", config: { register: false, latency: "5ms" } })),
      {
        node: "c1", name: "client", kind: "client",
        config: {
          service: "api", arrival: { pattern: "poisson", ratePerSecond: 50 },
          proxy: {
            instances: { api: ["b1/api", "b2/api"] }, timeoutUs: 200 * MS,
            breaker: {
              slidingWindowSize: 20, minimumNumberOfCalls: 10, failureRateThreshold: 50, waitDurationInOpenStateUs: 2 * SECOND,
              permittedNumberOfCallsInHalfOpenState: 3, bug: bug ? "half-open-lets-all-through" : "none",
            },
          },
        },
      },
    ],
    nemesis: {
      mix: { crash: 1, pause: 1 }, targets: backends(2),
      interval: { dist: "exponential", mean: 20 * SECOND }, duration: { dist: "uniform", min: 3 * SECOND, max: 15 * SECOND },
      until: 90 * SECOND,
    },
    checks: [{ name: "breaker-probes" }],
  };
}

/**
 * Least connections that never gives back the connection of a timed-out call
 * (`leak-on-timeout`): every timeout during a fault leaves a phantom connection, and after the
 * fault heals the instance looks busy forever and is starved.
 */
export function leakOnTimeout(bug: boolean): Scenario {
  return {
    name: `bug zoo: leak-on-timeout (${bug ? "on" : "off"})`,
    duration: 120 * SECOND,
    nodes: [...backends(3).map((name) => ({ name })), { name: "c1" }],
    network: { latency: { dist: "lognormal", median: MS, sigma: 0.3 } },
    processes: [
      ...backends(3).map((node) => ({ node, name: "api", kind: "backend", config: { register: false, latency: "exponential(5ms)" } })),
      {
        node: "c1", name: "client", kind: "client",
        config: {
          service: "api", arrival: { pattern: "poisson", ratePerSecond: 30 },
          proxy: { instances: { api: backends(3).map((b) => `${b}/api`) }, timeoutUs: 200 * MS, strategy: "least-connections", strategyOptions: { bug: bug ? "leak-on-timeout" : "none" } },
        },
      },
    ],
    nemesis: {
      mix: { pause: 1, partition: 1, slow: 1 }, targets: [...backends(3), "c1"],
      interval: { dist: "exponential", mean: 15 * SECOND }, duration: { dist: "uniform", min: SECOND, max: 8 * SECOND },
      until: 70 * SECOND,
    },
    checks: [{ name: "instances-share-load", params: { settle: 5 * SECOND, minShare: 0.25 } }],
  };
}
