import type { JsonObject } from "../../core/json";
import { PROXY_SCHEMA } from "../proxy/proxy-config-schema";
import { bool, closedObject, rate } from "../../options/schema-fragments";
import { optionsSchema } from "../../options/option-table";
import { DEFAULT_KEY_NAMES, GATEWAY_OPTIONS, RATE_LIMIT_OPTIONS, ROUTE_OPTIONS, THREAD_POOL_OPTIONS } from "./gateway-options";

const onOff = (block: JsonObject): JsonObject => ({ anyOf: [{ type: ["boolean", "null"] }, block], description: block.description });

/** A route of the gateway (gateway-options.ts). */
const ROUTE_SCHEMA: JsonObject = closedObject({
  id: { type: "string", pattern: "^[A-Za-z0-9_-]+$", description: "Name in metrics and history (default the service)." },
  path: { type: "string", pattern: "^/", description: "Path prefix; the longest matching prefix wins." },
  service: { type: "string", description: "The service behind the route, resolved by the route's proxy." },
  auth: bool("Whether key-auth applies (default: when the gateway has keys)."),
  ...optionsSchema(ROUTE_OPTIONS),
  proxy: { ...PROXY_SCHEMA, description: "The route's own proxy options, merged over the gateway's proxy." },
}, "A route: a path prefix and the service behind it.", { required: ["path", "service"] });

const plain = optionsSchema(GATEWAY_OPTIONS);

/** The `gateway` kind's config. */
export const GATEWAY_SCHEMA: JsonObject = closedObject({
  routes: { type: "array", minItems: 1, items: ROUTE_SCHEMA, description: "Routes by path prefix." },
  proxy: { ...PROXY_SCHEMA, description: "The proxy options every route starts from (registry, balancer, breaker...)." },
  auth: onOff(closedObject({
    keys: { type: "object", additionalProperties: { type: "string" }, description: "Credential key -> consumer name." },
    keyNames: { type: "array", items: { type: "string" }, minItems: 1, description: `Kong key_names: where the key may be (default [${DEFAULT_KEY_NAMES.join(", ")}]).` },
  }, "Kong key-auth: 401 without a valid key.")),
  rateLimit: onOff(closedObject({
    replenishRate: rate("Tokens per second per client (Spring Cloud Gateway replenishRate)."),
    ...optionsSchema(RATE_LIMIT_OPTIONS),
  }, "A token bucket per client; 429 when empty.")),
  threadPool: onOff(closedObject(optionsSchema(THREAD_POOL_OPTIONS), "Zuul 1 / Hystrix THREAD isolation: a request holds a thread; a full pool refuses with 503.")),
  ...plain,
  metricsPrefix: { ...plain.metricsPrefix, pattern: "^[A-Za-z0-9_.-]+$" },
}, "An API gateway: routes, key-auth, per-client rate limit, thread pools, per-route proxies.", { required: ["routes"] });
