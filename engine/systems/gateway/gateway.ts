import type { Json } from "../../core/json";
import type { Message, ProcessFactory } from "../../node/runtime-api";
import { ServiceProxy } from "../proxy/service-proxy";
import { resolveProxyOptions } from "../proxy/proxy-options";
import type { ProxyResult } from "../proxy/call-types";
import { resolveGatewayOptions } from "./gateway-options";
import type { RouteOptions } from "./gateway-options";
import { RouteTable } from "./route-table";
import { KeyAuth } from "./key-auth";
import type { AuthResult } from "./key-auth";
import { ConsumerLimits } from "./consumer-limits";
import { ThreadPools } from "./thread-pools";
import { upstreamFailure } from "./gateway-response";
import type { GatewayError, GatewayOutcome, GatewayReply } from "./gateway-response";

/** What a client sends the gateway: a path, maybe a key, maybe a body for the upstream. */
export interface GatewayRequest {
  /** The request path (`/orders/7`); `uri` is accepted too, which is what workload clients send. */
  path?: string;
  uri?: string;
  headers?: Record<string, string>;
  body?: Json;
  [field: string]: unknown;
}

/** What the gateway forwards upstream: the stripped path, who is calling, and the request id. */
export interface ForwardedRequest {
  path: string;
  consumer: string | null;
  /** The gateway's id of the request (`gateway-request` records it), Kong's X-Kong-Request-Id. */
  requestId: number;
  gateway: string;
  body: Json;
}

/** The state a gateway publishes: per route, requests in flight and answers so far. */
export interface GatewayState {
  routes: Record<string, { inFlight: number; ok: number; failed: number; poolBusy: number }>;
  refused: { unauthorized: number; rateLimited: number; noRoute: number; poolFull: number };
}

/**
 * An API gateway (Kong, Spring Cloud Gateway, Zuul): the one door of a set of services. Per
 * request, in this order: find the route by the longest path prefix (404 when none); check the
 * API key (401, Kong's key-auth); take a token of the client's bucket (429, Spring Cloud
 * Gateway's RequestRateLimiter); take a thread of the route's pool when the gateway has pools
 * (503, Zuul with Hystrix THREAD isolation); then call the route's service through the route's
 * own service proxy, which resolves it through the registry, balances, and applies the route's
 * timeout, retries, breaker and bulkhead. So a refusal never reaches an upstream, and one route's
 * failures stay in its own proxy.
 *
 * History: one `gateway-request` per request (the access log: id, path, route, consumer, status,
 * outcome, attempts, instance, latency), and the route proxies' `call-*` records, whose `n` is
 * the request id. Metrics under `metricsPrefix` (default `gateway`): `requests`, `status.<code>`,
 * `latency`, and per route `route.<id>.requests`, `.ok`, `.error`, `.status.<code>`, `.latency`.
 */
export const gateway: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  const where = `gateway ${rt.address}`;
  const o = resolveGatewayOptions(config, where);
  const table = new RouteTable(o.routes);
  const proxies = new Map<string, ServiceProxy>(o.routes.map((r) => [r.id, new ServiceProxy(rt, resolveProxyOptions(r.proxy, `${where}: routes.${r.id}.proxy`))]));
  const auth = o.auth ? new KeyAuth(o.auth) : null;
  const limits = o.rateLimit ? new ConsumerLimits(o.rateLimit) : null;
  const pools = o.threadPool ? new ThreadPools(o.threadPool) : null;
  const m = rt.metrics;
  const p = o.metricsPrefix;
  // Request ids stay unique across restarts, so the proxies' `call-*` records never collide.
  let seq = rt.incarnation * 1_000_000_000;
  const state: GatewayState = {
    routes: Object.fromEntries(o.routes.map((r) => [r.id, { inFlight: 0, ok: 0, failed: 0, poolBusy: 0 }])),
    refused: { unauthorized: 0, rateLimited: 0, noRoute: 0, poolFull: 0 },
  };
  let dirty = true;
  const ipOf = (address: string) => rt.directory().find((d) => d.address === address)?.ip ?? address;

  const publish = () => {
    if (dirty) {
      dirty = false;
      rt.publish<GatewayState>((s) => {
        s.routes = structuredClone(state.routes);
        s.refused = { ...state.refused };
      });
    }
    rt.setTimer(1_000_000, publish, "publish");
  };

  /** Ends a request: the access log line, the metrics, and the reply or the error. */
  const finish = (id: number, arrived: number, fields: Record<string, Json>, route: RouteOptions | null, status: number, outcome: GatewayOutcome, message: string, r: ProxyResult | null): GatewayReply => {
    const latency = rt.now() - arrived;
    dirty = true;
    m.count(`${p}.requests`);
    m.count(`${p}.status.${status}`);
    m.observe(`${p}.latency`, latency);
    if (route) {
      const rp = `${p}.route.${route.id}`;
      m.count(`${rp}.requests`);
      m.count(`${rp}.${status === 200 ? "ok" : "error"}`);
      m.count(`${rp}.status.${status}`);
      m.observe(`${rp}.latency`, latency);
      if (status === 200) state.routes[route.id].ok++;
      else state.routes[route.id].failed++;
    }
    if (o.accessLog) {
      rt.record("gateway-request", { ...fields, id, route: route?.id ?? null, status, outcome, attempts: r?.attempts ?? 0, instance: r?.instance ?? null, latency });
    }
    if (status === 200) return { status: 200, route: route!.id, instance: r!.instance, body: (r!.value ?? null) as Json };
    throw { status, code: outcome === "unauthorized" ? "unauthorized" : outcome === "rate-limited" ? "rate-limited" : outcome === "no-route" ? "not-found" : upstreamFailure(r?.failure).code, message: `${rt.address}: ${message}`, from: rt.address, route: route?.id ?? null } satisfies GatewayError;
  };

  return {
    start() {
      publish();
    },
    message(msg: Message) {
      for (const proxy of proxies.values()) if (proxy.handleMessage(msg)) return;
    },
    async request(req: Message) {
      const id = ++seq;
      const arrived = rt.now();
      const b = (typeof req.body === "object" && req.body !== null ? req.body : {}) as GatewayRequest;
      const path = typeof b.path === "string" ? b.path : typeof b.uri === "string" ? b.uri : "/";
      const ip = ipOf(req.from);
      const fields: Record<string, Json> = { path, caller: req.from, consumer: null };
      if (typeof b.n === "number") fields.callerN = b.n;
      const match = table.match(path);
      if (!match) {
        state.refused.noRoute++;
        return finish(id, arrived, fields, null, 404, "no-route", `no Route matched with those values (${path})`, null);
      }
      const route = match.route;
      const authed: AuthResult | null = auth && route.auth ? auth.check(b) : null;
      const refuseAuth = (a: Extract<AuthResult, { ok: false }>, r: ProxyResult | null) => {
        state.refused.unauthorized++;
        fields.auth = a.reason;
        return finish(id, arrived, fields, route, 401, "unauthorized", a.message, r);
      };
      if (authed && !authed.ok && o.bug === "none") return refuseAuth(authed, null);
      const consumer = authed?.ok ? authed.consumer : null;
      fields.consumer = consumer;
      if (limits && !limits.tryAcquire(limits.keyOf(consumer, ip), rt.now())) {
        state.refused.rateLimited++;
        return finish(id, arrived, fields, route, 429, "rate-limited", "API rate limit exceeded", null);
      }
      if (pools && !pools.tryAcquire(route.id, rt.now())) {
        state.refused.poolFull++;
        fields.pool = pools.poolOf(route.id);
        return finish(id, arrived, fields, route, 503, "pool-full", `thread pool ${pools.poolOf(route.id)} is full (${o.threadPool!.coreSize} threads busy)`, null);
      }
      const rs = state.routes[route.id];
      rs.inFlight++;
      if (pools) rs.poolBusy = pools.busy(route.id);
      dirty = true;
      const forwarded: ForwardedRequest = { path: match.upstreamPath, consumer, requestId: id, gateway: rt.address, body: (b.body ?? null) as Json };
      let r: ProxyResult;
      try {
        r = await proxies.get(route.id)!.call({ service: route.service, body: forwarded, uri: match.upstreamPath, sourceIp: ip, n: id, key: consumer ?? undefined });
      } finally {
        rs.inFlight--;
        if (pools) {
          pools.release(route.id, rt.now());
          rs.poolBusy = pools.busy(route.id);
        }
      }
      // The bug: the key is looked at only now, after the upstream has served the request.
      if (authed && !authed.ok) return refuseAuth(authed, r);
      if (r.ok) return finish(id, arrived, fields, route, 200, "ok", "ok", r);
      const f = upstreamFailure(r.failure);
      return finish(id, arrived, fields, route, f.status, f.outcome, `upstream ${route.service}: ${r.failure ?? "error"}`, r);
    },
  };
};
