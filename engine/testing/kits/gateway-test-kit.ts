import type { Micros } from "../../core/time";
import { MS, SECOND } from "../../core/time";
import type { CheckSpec, FaultSpec, Scenario } from "../../scenario";
import type { ProcessCatalog } from "../../run-options";
import { builtinProcesses } from "../../systems/catalog";
import { gatewayProcesses } from "../../systems/gateway/gateway-catalog";

/** The built-in kinds plus the gateway's, for tests that run before the catalog names it. */
export const testCatalog: ProcessCatalog = { ...builtinProcesses, ...gatewayProcesses };

/** A client of the gateway in a test scenario: its node, URIs, key and constant rate. */
export interface TestCaller {
  node: string;
  uris: string[];
  apikey?: string;
  ratePerSecond: number;
  stopAt?: Micros;
}

/**
 * A gateway on `gw`, backends `orders` on b1 and `users` on b2 (static lists, no registry), and
 * callers that call the gateway at constant rates over 1 ms links. Test code only.
 */
export function gatewayScenario(s: { gateway: Record<string, unknown>; callers: TestCaller[]; orders?: Record<string, unknown>; users?: Record<string, unknown>; duration?: Micros; faults?: FaultSpec[]; checks?: CheckSpec[] }): Scenario {
  const routes = [{ path: "/orders", service: "orders" }, { path: "/users", service: "users" }];
  return {
    name: "gateway-test",
    seed: 1,
    duration: s.duration ?? 5 * SECOND,
    nodes: ["gw", "b1", "b2", ...s.callers.map((c) => c.node)].map((name) => ({ name })),
    network: { latency: { dist: "constant", value: MS } },
    processes: [
      { node: "b1", name: "orders", kind: "backend", config: { register: false, latency: "5ms", ...s.orders } },
      { node: "b2", name: "users", kind: "backend", config: { register: false, latency: "5ms", ...s.users } },
      { node: "gw", name: "gateway", kind: "gateway", config: { routes, ...s.gateway, proxy: { instances: { orders: ["b1/orders"], users: ["b2/users"] }, ...(s.gateway.proxy as object | undefined) } } },
      ...s.callers.map((c) => ({
        node: c.node, name: "client", kind: "client",
        config: {
          service: "gateway", arrival: { pattern: "constant", ratePerSecond: c.ratePerSecond }, uris: c.uris, stopAt: c.stopAt,
          body: c.apikey === undefined ? {} : { apikey: c.apikey },
          proxy: { instances: { gateway: ["gw/gateway"] }, requestType: "http", timeoutUs: 120 * SECOND },
        },
      })),
    ],
    faults: s.faults,
    checks: s.checks,
  } as Scenario;
}
