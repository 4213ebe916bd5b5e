import { describe, expect, it } from "vitest";
import { SECOND } from "../../core/time";
import { resolveGatewayOptions } from "./gateway-options";

const routes = (list: Array<Record<string, unknown>>) => resolveGatewayOptions({ routes: list }, "gateway gw/gateway").routes;
describe("gateway: options", () => {
  it("options: a route gets Kong's defaults (60 s per attempt, 5 retries at once on timeouts), and its own timeout and retries override them", () => {
    const [a, b, c] = routes([{ path: "/a", service: "a" }, { path: "/b", service: "b", timeout: "200ms", retries: 1 }, { path: "/c", service: "c", retries: 0 }]);
    expect(a.proxy).toMatchObject({ timeoutUs: 60 * SECOND, retry: { maxAttempts: 6, initialIntervalUs: 1, retryOn: ["timeout", "unavailable", "service-unavailable"] } });
    expect(b.proxy).toMatchObject({ timeoutUs: 200_000, retry: { maxAttempts: 2, initialIntervalUs: 1 } });
    expect(c.proxy.retry).toBeNull();
  });

  it("options: the gateway's proxy block is every route's base, and a route's proxy block wins over both", () => {
    const o = resolveGatewayOptions({ proxy: { timeoutUs: "1s", retry: null, strategy: "random" }, routes: [{ path: "/a", service: "a", proxy: { bulkhead: { maxConcurrentCalls: 4 } } }] }, "gw");
    expect(o.routes[0].proxy).toEqual({ timeoutUs: "1s", retry: null, strategy: "random", bulkhead: { maxConcurrentCalls: 4 } });
  });

  it("options: mistakes name the field and what would be right", () => {
    expect(() => resolveGatewayOptions({ routes: [] }, "gateway gw/g")).toThrow(/gateway gw\/g: routes must be a non-empty list/);
    expect(() => resolveGatewayOptions({ routes: [{ path: "orders", service: "o" }] }, "gw")).toThrow(/routes\[0\]\.path must be a path prefix starting with "\/"/);
    expect(() => resolveGatewayOptions({ routes: [{ path: "/o", service: "o", timout: "1s" }] }, "gw")).toThrow(/unknown option "timout" \(did you mean "timeout"\?\)/);
    expect(() => resolveGatewayOptions({ routes: [{ path: "/a", service: "o" }, { path: "/b", service: "o" }] }, "gw")).toThrow(/two are "o"/);
    expect(() => resolveGatewayOptions({ routes: [{ path: "/a", service: "o" }], rateLimit: { burstCapacity: 5 } }, "gw")).toThrow(/replenishRate must be a rate/);
  });
});
