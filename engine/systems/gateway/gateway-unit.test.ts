import { describe, expect, it } from "vitest";
import { SECOND } from "../../core/time";
import { resolveGatewayOptions } from "./gateway-options";
import { RouteTable } from "./route-table";
import { KeyAuth } from "./key-auth";
import { ConsumerLimits } from "./consumer-limits";
import { ThreadPools } from "./thread-pools";
import { upstreamFailure } from "./gateway-response";

const routes = (list: Array<Record<string, unknown>>) => resolveGatewayOptions({ routes: list }, "gateway gw/gateway").routes;

describe("gateway: route table", () => {
  it("route table: the longest prefix wins whatever the order, and strip_path removes it", () => {
    const t = new RouteTable(routes([{ path: "/orders", service: "orders" }, { path: "/orders/admin", service: "admin" }, { path: "/", service: "web", id: "web" }]));
    expect(t.match("/orders/admin/7")).toMatchObject({ route: { service: "admin" }, upstreamPath: "/7" });
    expect(t.match("/orders/7?x=1")).toMatchObject({ route: { service: "orders" }, upstreamPath: "/7" });
    expect(t.match("/orders")).toMatchObject({ route: { service: "orders" }, upstreamPath: "/" });
    expect(t.match("/users/1")).toMatchObject({ route: { service: "web" }, upstreamPath: "/users/1" });
  });

  it("route table: a plain prefix also matches /ordersx, as nginx's prefix locations do; no match is null", () => {
    const t = new RouteTable(routes([{ path: "/orders", service: "orders", stripPath: false }]));
    expect(t.match("/ordersx")?.upstreamPath).toBe("/ordersx");
    expect(t.match("/users")).toBeNull();
  });
});

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

describe("gateway: key-auth (Kong)", () => {
  const auth = new KeyAuth({ keyNames: ["apikey", "x-api-key"], keys: { "k-alice": "alice" } });
  it("key-auth: a known key in a header or a field names the consumer; no key and an unknown key are refused with Kong's messages", () => {
    expect(auth.check({ headers: { apikey: "k-alice" } })).toEqual({ ok: true, consumer: "alice" });
    expect(auth.check({ "x-api-key": "k-alice" })).toEqual({ ok: true, consumer: "alice" });
    expect(auth.check({})).toEqual({ ok: false, reason: "missing", message: "No API key found in request" });
    expect(auth.check({ apikey: "" })).toMatchObject({ reason: "missing" });
    expect(auth.check({ apikey: "k-mallory" })).toEqual({ ok: false, reason: "invalid", message: "Invalid authentication credentials" });
    expect(auth.check({ apikey: "toString" })).toMatchObject({ reason: "invalid" });
  });
});

describe("gateway: per-client rate limit (Spring Cloud Gateway's token bucket)", () => {
  it("rate limit: a client gets its burst at once and then the replenish rate; another client has its own bucket", () => {
    const l = new ConsumerLimits({ replenishRatePerSec: 10, burstCapacity: 3, keyBy: "consumer" });
    const alice = l.keyOf("alice", "10.0.0.1");
    expect([1, 2, 3, 4].map(() => l.tryAcquire(alice, 0))).toEqual([true, true, true, false]);
    expect(l.tryAcquire(l.keyOf("bob", "10.0.0.1"), 0)).toBe(true);
    expect(l.tryAcquire(alice, 99_999)).toBe(false);
    expect(l.tryAcquire(alice, 100_000)).toBe(true);
  });

  it("rate limit: without a consumer, or when limiting by IP, the key is the caller's address", () => {
    const byConsumer = new ConsumerLimits({ replenishRatePerSec: 1, burstCapacity: 1, keyBy: "consumer" });
    expect(byConsumer.keyOf(null, "10.0.0.7")).toBe("ip:10.0.0.7");
    expect(new ConsumerLimits({ replenishRatePerSec: 1, burstCapacity: 1, keyBy: "ip" }).keyOf("alice", "10.0.0.7")).toBe("ip:10.0.0.7");
  });
});

describe("gateway: thread pools (Zuul + Hystrix THREAD isolation)", () => {
  it("thread pools: one shared pool is exhausted by any route; separate pools are exhausted only by their own", () => {
    const shared = new ThreadPools({ coreSize: 2, separatePools: false });
    expect([shared.tryAcquire("slow", 0), shared.tryAcquire("slow", 0), shared.tryAcquire("fast", 0)]).toEqual([true, true, false]);
    shared.release("slow", 1);
    expect(shared.tryAcquire("fast", 1)).toBe(true);
    const separate = new ThreadPools({ coreSize: 2, separatePools: true });
    expect([separate.tryAcquire("slow", 0), separate.tryAcquire("slow", 0), separate.tryAcquire("slow", 0), separate.tryAcquire("fast", 0)]).toEqual([true, true, false, true]);
    expect([separate.busy("slow"), separate.busy("fast")]).toEqual([2, 1]);
  });
});

describe("gateway: upstream failures as HTTP", () => {
  it("upstream failures: a timeout is 504, an upstream error 502, no instance or an open breaker 503", () => {
    expect(upstreamFailure("timeout").status).toBe(504);
    expect(upstreamFailure("error").status).toBe(502);
    expect(upstreamFailure("service-unavailable").status).toBe(503);
    expect(upstreamFailure("breaker-open")).toEqual({ status: 503, outcome: "upstream-unavailable", code: "unavailable" });
    expect(upstreamFailure("bulkhead-full").code).toBe("overloaded");
  });
});
