import type { JsonObject } from "../../core/json";
import { STRATEGY_NAMES, STRATEGY_OPTIONS } from "../balancer/catalog";
import { PASSIVE_HEALTH_OPTIONS } from "../balancer/passive-health";
import { BREAKER_OPTIONS, BREAKER_PROFILES } from "../breaker/profiles";
import { REGISTRY_CLIENT_SCHEMA } from "../registry/registry-config-schema";
import { closedObject, rate } from "../../options/schema-fragments";
import { optionsSchema } from "../../options/option-table";
import { BULKHEAD_OPTIONS } from "./policies/bulkhead";
import { RETRY_BUDGET_OPTIONS } from "./policies/retry-budget";
import { HEDGING_BLOCK_OPTIONS, PROXY_OPTIONS, R4J_RATE_LIMITER_BLOCK_OPTIONS, RETRY_BLOCK_OPTIONS, TOKEN_BUCKET_BLOCK_OPTIONS } from "./proxy-options";
import { CALL_FAILURES } from "./call-failure";

const onOff = (block: JsonObject): JsonObject => ({ anyOf: [{ type: ["boolean", "null"] }, block], description: block.description });

/** A proxy's config (proxy-options.ts): the `proxy` kind's config, and a client's `proxy` block. */
const plain = optionsSchema(PROXY_OPTIONS);

/** A proxy's config (proxy-options.ts): the `proxy` kind's config, and a client's `proxy` block. */
export const PROXY_SCHEMA: JsonObject = closedObject({
  ...plain,
  strategy: { ...plain.strategy, enum: [...STRATEGY_NAMES] },
  strategyOptions: { type: "object", description: "The strategy's options: each strategy's table (docs/options.md), checked per strategy below." },
  passiveHealth: onOff(closedObject(optionsSchema(PASSIVE_HEALTH_OPTIONS), "Passive health (nginx max_fails/fail_timeout, or Envoy's consecutive_5xx outlier detection).")),
  instances: { type: "object", additionalProperties: { type: "array", items: { type: "string", pattern: "^[^/]+/[^/]+$" } }, description: "Static instance addresses per service; the registry is not asked for these." },
  registry: REGISTRY_CLIENT_SCHEMA,
  retry: onOff(closedObject({
    ...optionsSchema(RETRY_BLOCK_OPTIONS),
    retryOn: { type: "array", items: { enum: [...CALL_FAILURES] }, description: "Failures to retry (default: everything the callee or the network caused)." },
  }, "Retry with backoff (Resilience4j).")),
  retryBudget: onOff(closedObject(optionsSchema(RETRY_BUDGET_OPTIONS), "Retry budget (Finagle).")),
  rateLimiter: onOff(closedObject({
    type: { enum: ["resilience4j", "token-bucket"], description: "resilience4j (the default) or token-bucket." },
    ...prefixed("Resilience4j: ", optionsSchema(R4J_RATE_LIMITER_BLOCK_OPTIONS)),
    rate: rate("Token bucket: the refill rate (required)."),
    ...prefixed("Token bucket: ", optionsSchema(TOKEN_BUCKET_BLOCK_OPTIONS)),
  }, "Rate limiter.")),
  bulkhead: onOff(closedObject(optionsSchema(BULKHEAD_OPTIONS), "Bulkhead (Resilience4j).")),
  breaker: onOff(closedObject({
    scope: { enum: ["service", "instance"], description: "One breaker per service (the default) or one per instance." },
    profile: { enum: Object.keys(BREAKER_PROFILES), description: "A breaker library's settings under the block's own: resilience4j (the table's defaults), hystrix, opossum." },
    ...optionsSchema(BREAKER_OPTIONS),
  }, "Circuit breaker: Resilience4j's options; the defaults below are Resilience4j's unless a profile is named.")),
  hedging: onOff(closedObject(optionsSchema(HEDGING_BLOCK_OPTIONS), "Hedged requests (gRPC).")),
  fallback: onOff(closedObject({
    type: { enum: ["static", "cache", "service"] },
    value: { description: "static: the answer." },
    service: { type: "string", description: "service: the service to call instead." },
  }, "Fallback when every attempt failed.")),
}, "A service proxy: resolve, balance, breaker, timeout, retry, budget, rate limit, bulkhead, hedging, fallback.", { allOf: strategyOptionRules() });

/**
 * `strategyOptions` checked against the table of the strategy named beside it (or of the
 * default strategy when none is named), so an editor flags a key the strategy does not take.
 */
function strategyOptionRules(): JsonObject[] {
  const optionsOf = (name: keyof typeof STRATEGY_OPTIONS): JsonObject => ({ properties: { strategyOptions: closedObject(optionsSchema(STRATEGY_OPTIONS[name]), `The ${name} strategy's options.`) } });
  return [
    ...STRATEGY_NAMES.map((name) => ({ if: { properties: { strategy: { const: name } }, required: ["strategy"] }, then: optionsOf(name) })),
    { if: { not: { required: ["strategy"] } }, then: optionsOf(PROXY_OPTIONS.strategy.default) },
  ];
}

/** The same properties with `prefix` before each description, for a block shared by two policies. */
function prefixed(prefix: string, props: Record<string, JsonObject>): Record<string, JsonObject> {
  return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, { ...v, description: prefix + String(v.description) }]));
}
