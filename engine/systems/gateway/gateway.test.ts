import { describe, expect, it } from "vitest";
import { MS, SECOND } from "../../core/time";
import { simulate } from "../../index";
import type { Simulation } from "../../run-options";
import { gatewayScenario, testCatalog } from "../../testing/kits/gateway-test-kit";
import { gatewayCheckers } from "./gateway-catalog";

const run = (s: Parameters<typeof gatewayScenario>[0], recording: "off" | "full" = "off") =>
  simulate(gatewayScenario(s), { catalog: testCatalog, checkers: { ...gatewayCheckers }, recording });
const log = (sim: Simulation) => sim.history.filter((h) => h.event === "gateway-request");
const statuses = (sim: Simulation, caller: string) => {
  const out: Record<string, number> = {};
  for (const h of log(sim)) if (h.fields.caller === caller) out[String(h.fields.status)] = (out[String(h.fields.status)] ?? 0) + 1;
  return out;
};
const auth = { keys: { "k-alice": "alice", "k-bob": "bob" } };

describe("gateway: routing, auth and limits, end to end", () => {
  it("gateway: routes by prefix to the right service with the prefix stripped, and answers 404 for unknown paths", async () => {
    const sim = await run({ gateway: {}, callers: [{ node: "c1", uris: ["/orders/7", "/users/3", "/nowhere"], ratePerSecond: 30, stopAt: SECOND }] });
    const byPath = new Map(log(sim).map((h) => [h.fields.path, h]));
    expect(byPath.get("/orders/7")!.fields).toMatchObject({ route: "orders", status: 200, instance: "b1/orders", attempts: 1 });
    expect(byPath.get("/users/3")!.fields).toMatchObject({ route: "users", status: 200, instance: "b2/users" });
    expect(byPath.get("/nowhere")!.fields).toMatchObject({ route: null, status: 404, outcome: "no-route" });
    // What the backend was sent: the stripped path, the request id, no consumer.
    const served = sim.result.metrics.counters;
    expect(served["backend.requests"]).toBe(log(sim).filter((h) => h.fields.status === 200).length);
    const reply = sim.history.find((h) => h.event === "call-end" && h.address === "c1/client" && h.fields.ok === true);
    expect(reply).toBeDefined();
  });

  it("gateway: a request without a key or with an unknown key is refused with 401 and never sent upstream; a good key passes as its consumer", async () => {
    const sim = await run({
      gateway: { auth },
      callers: [
        { node: "c1", uris: ["/orders/1"], apikey: "k-alice", ratePerSecond: 20, stopAt: SECOND },
        { node: "c2", uris: ["/orders/1"], ratePerSecond: 20, stopAt: SECOND },
        { node: "c3", uris: ["/users/1"], apikey: "k-mallory", ratePerSecond: 20, stopAt: SECOND },
      ],
      checks: [{ name: "gateway-auth" }],
    }, "full");
    // Each caller sends every 50 ms from 50 ms and stops at 1 s: 19 requests.
    expect(statuses(sim, "c1/client")).toEqual({ 200: 19 });
    expect(statuses(sim, "c2/client")).toEqual({ 401: 19 });
    expect(statuses(sim, "c3/client")).toEqual({ 401: 19 });
    expect(log(sim).filter((h) => h.fields.caller === "c1/client").every((h) => h.fields.consumer === "alice")).toBe(true);
    expect(log(sim).filter((h) => h.fields.caller === "c2/client").every((h) => h.fields.auth === "missing")).toBe(true);
    expect(sim.result.metrics.counters["backend.requests"]).toBe(19);
    const check = sim.result.checks.find((c) => c.name === "gateway-auth")!;
    expect(check.status).toBe("held");
    expect(check.findings[0].message).toBe("38 request(s) refused with 401: 19 without a key, 19 with an invalid key");
  });

  it("gateway: the auth-after-routing bug sends refused requests upstream; gateway-auth sees it both in the history and on the network", async () => {
    const sim = await run({
      gateway: { auth, bug: "auth-after-routing" },
      callers: [{ node: "c2", uris: ["/orders/1"], ratePerSecond: 10, stopAt: SECOND }],
      checks: [{ name: "gateway-auth" }],
    }, "full");
    expect(statuses(sim, "c2/client")).toEqual({ 401: 9 });
    expect(sim.result.metrics.counters["backend.requests"]).toBe(9);
    const check = sim.result.checks.find((c) => c.name === "gateway-auth")!;
    expect(check.status).toBe("violated");
    expect(check.violations).toHaveLength(9);
    // Sent at 100 ms, forwarded at 101 ms, served by 107 ms, and only then refused.
    expect(check.violations[0].message).toMatch(/^gw\/gateway refused request 1 \(\/orders\/1, no API key\) with 401 at 108ms, but it was delivered to b1\/orders at 102ms$/);
    expect(check.violations[0].events.length).toBe(2);
    // Without the trace the proxy's own attempt record still gives it away.
    const quiet = await run({ gateway: { auth, bug: "auth-after-routing" }, callers: [{ node: "c2", uris: ["/orders/1"], ratePerSecond: 10, stopAt: SECOND }], checks: [{ name: "gateway-auth" }] });
    expect(quiet.result.checks[0].violations[0].message).toMatch(/but the gateway sent it to b1\/orders at 101ms$/);
  });

  it("gateway: the token bucket lets a client its burst and then its rate, per consumer, with 429 for the rest", async () => {
    const sim = await run({
      gateway: { auth, rateLimit: { replenishRate: "10/s", burstCapacity: 5 } },
      callers: [
        { node: "c1", uris: ["/orders/1"], apikey: "k-alice", ratePerSecond: 40, stopAt: 2 * SECOND },
        { node: "c2", uris: ["/orders/1"], apikey: "k-bob", ratePerSecond: 5, stopAt: 2 * SECOND },
      ],
    });
    // Alice asks 79 times in 1.975 s (every 25 ms from 25 ms): 5 from the burst + 10/s refills.
    const a = statuses(sim, "c1/client");
    expect(a[200]).toBe(5 + 19);
    expect(a[429]).toBe(79 - 24);
    expect(statuses(sim, "c2/client")).toEqual({ 200: 9 });
  });

  it("gateway: a timeout is retried at once on the route's instances (Kong), and a route's own timeout gives 504", async () => {
    const sim = await run({
      gateway: { routes: [{ path: "/orders", service: "orders", timeout: "50ms", retries: 1 }, { path: "/users", service: "users" }] },
      orders: { latency: "200ms" },
      callers: [{ node: "c1", uris: ["/orders/1"], ratePerSecond: 2, stopAt: SECOND }],
    });
    const h = log(sim)[0];
    expect(h.fields).toMatchObject({ status: 504, outcome: "upstream-timeout", attempts: 2 });
    // Two 50 ms attempts, 1 µs apart: Kong retries at once.
    expect(h.fields.latency).toBe(100 * MS + 1);
  });
});
