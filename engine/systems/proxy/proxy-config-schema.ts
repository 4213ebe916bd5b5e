import type { JsonObject } from "../../core/json";
import { STRATEGY_NAMES } from "../balancer/catalog";
import { BREAKER_PROFILES } from "../breaker/profiles";
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
  strategyOptions: { type: "object", description: "The strategy's options (balancer/strategies/*.ts), e.g. {choiceCount: 2} or {bug: leak-on-timeout}." },
  passiveHealth: onOff({ type: "object", description: "Passive health: {mode: nginx | consecutive, maxFails, failTimeout, ...}." }),
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
  breaker: onOff({ type: "object", description: `Circuit breaker: {scope: service | instance, profile: ${Object.keys(BREAKER_PROFILES).join(" | ")}, and Resilience4j's options (failureRateThreshold, slidingWindowSize, minimumNumberOfCalls, waitDurationInOpenStateUs, permittedNumberOfCallsInHalfOpenState, ..., bug)}.` }),
  hedging: onOff(closedObject(optionsSchema(HEDGING_BLOCK_OPTIONS), "Hedged requests (gRPC).")),
  fallback: onOff(closedObject({
    type: { enum: ["static", "cache", "service"] },
    value: { description: "static: the answer." },
    service: { type: "string", description: "service: the service to call instead." },
  }, "Fallback when every attempt failed.")),
}, "A service proxy: resolve, balance, breaker, timeout, retry, budget, rate limit, bulkhead, hedging, fallback.");

/** The same properties with `prefix` before each description, for a block shared by two policies. */
function prefixed(prefix: string, props: Record<string, JsonObject>): Record<string, JsonObject> {
  return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, { ...v, description: prefix + String(v.description) }]));
}
