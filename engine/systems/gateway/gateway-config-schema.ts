import type { JsonObject } from "../../core/json";
import { PROXY_SCHEMA } from "../proxy/proxy-config-schema";
import { bool, closedObject, duration, int, rate } from "../../options/schema-fragments";

const onOff = (block: JsonObject): JsonObject => ({ anyOf: [{ type: ["boolean", "null"] }, block], description: block.description });

/** A route of the gateway (gateway-options.ts). */
const ROUTE_SCHEMA: JsonObject = closedObject({
  id: { type: "string", pattern: "^[A-Za-z0-9_-]+$", description: "Name in metrics and history (default the service)." },
  path: { type: "string", pattern: "^/", description: "Path prefix; the longest matching prefix wins." },
  service: { type: "string", description: "The service behind the route, resolved by the route's proxy." },
  stripPath: bool("Kong strip_path: remove the prefix before forwarding (default true)."),
  auth: bool("Whether key-auth applies (default: when the gateway has keys)."),
  timeout: duration("Per-attempt timeout (Kong read_timeout: 60 s)."),
  retries: int(0, "Retries after the first attempt, on timeouts and connect failures only (Kong: 5)."),
  proxy: { ...PROXY_SCHEMA, description: "The route's own proxy options, merged over the gateway's proxy." },
}, "A route: a path prefix and the service behind it.", { required: ["path", "service"] });

/** The `gateway` kind's config. */
export const GATEWAY_SCHEMA: JsonObject = closedObject({
  routes: { type: "array", minItems: 1, items: ROUTE_SCHEMA, description: "Routes by path prefix." },
  proxy: { ...PROXY_SCHEMA, description: "The proxy options every route starts from (registry, balancer, breaker...)." },
  auth: onOff(closedObject({
    keys: { type: "object", additionalProperties: { type: "string" }, description: "Credential key -> consumer name." },
    keyNames: { type: "array", items: { type: "string" }, minItems: 1, description: "Kong key_names: where the key may be (default [apikey])." },
  }, "Kong key-auth: 401 without a valid key.")),
  rateLimit: onOff(closedObject({
    replenishRate: rate("Tokens per second per client (Spring Cloud Gateway replenishRate)."),
    burstCapacity: int(1, "Bucket size (Spring Cloud Gateway burstCapacity; default the rate)."),
    keyBy: { enum: ["consumer", "ip"], description: "Bucket per consumer (Kong limit_by consumer, falling back to the IP) or per IP." },
  }, "A token bucket per client; 429 when empty.")),
  threadPool: onOff(closedObject({
    coreSize: int(1, "Threads per pool (Hystrix coreSize 10)."),
    separatePools: bool("One pool per route (Zuul useSeparateThreadPools) instead of one shared pool."),
  }, "Zuul 1 / Hystrix THREAD isolation: a request holds a thread; a full pool refuses with 503.")),
  accessLog: bool("Record one gateway-request per request (default true)."),
  metricsPrefix: { type: "string", pattern: "^[A-Za-z0-9_.-]+$", description: "Prefix of the gateway's metrics (default gateway)." },
  bug: { enum: ["none", "auth-after-routing"], description: "Bug zoo: check the API key only after proxying." },
}, "An API gateway: routes, key-auth, per-client rate limit, thread pools, per-route proxies.", { required: ["routes"] });
