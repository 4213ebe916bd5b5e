import type { JsonObject } from "../../core/json";
import { STRATEGY_NAMES } from "../balancer/catalog";
import { BREAKER_PROFILES } from "../breaker/profiles";
import { REGISTRY_CLIENT_SCHEMA } from "../registry/registry-config-schema";
import { bool, closedObject, duration, int, rate, ratio } from "../../options/schema-fragments";
import { CALL_FAILURES } from "./call-failure";

const onOff = (block: JsonObject): JsonObject => ({ anyOf: [{ type: ["boolean", "null"] }, block], description: block.description });

/** A proxy's config (proxy-options.ts): the `proxy` kind's config, and a client's `proxy` block. */
export const PROXY_SCHEMA: JsonObject = closedObject({
  strategy: { enum: [...STRATEGY_NAMES], description: "Balancer strategy (default round-robin)." },
  strategyOptions: { type: "object", description: "The strategy's options (balancer/strategies/*.ts), e.g. {choiceCount: 2} or {bug: leak-on-timeout}." },
  passiveHealth: onOff({ type: "object", description: "Passive health: {mode: nginx | consecutive, maxFails, failTimeout, ...}." }),
  instances: { type: "object", additionalProperties: { type: "array", items: { type: "string", pattern: "^[^/]+/[^/]+$" } }, description: "Static instance addresses per service; the registry is not asked for these." },
  registry: REGISTRY_CLIENT_SCHEMA,
  resolveTimeoutUs: duration("How long a first call waits for the registry's first answer (default 2 s)."),
  timeoutUs: duration("Per-attempt timeout (Resilience4j TimeLimiter: 1 s)."),
  retry: onOff(closedObject({
    maxAttempts: int(1, "Attempts in all, the first included (Resilience4j 3)."),
    backoff: { enum: ["fixed", "exponential", "exponential-random"], description: "Interval function (default fixed)." },
    initialIntervalUs: duration("First wait (Resilience4j 500 ms)."),
    multiplier: { type: "number", minimum: 1, description: "Resilience4j 1.5." },
    randomizationFactor: ratio("Jitter (Resilience4j 0.5)."),
    maxIntervalUs: duration("Cap on the wait."),
    retryOn: { type: "array", items: { enum: [...CALL_FAILURES] }, description: "Failures to retry (default: everything the callee or the network caused)." },
  }, "Retry with backoff (Resilience4j).")),
  retryBudget: onOff(closedObject({
    ttlUs: duration("Window of deposits (Finagle 10 s)."),
    minRetriesPerSec: rate("Retries always allowed (Finagle 10/s)."),
    percentCanRetry: ratio("Share of requests that may be retried (Finagle 20%)."),
  }, "Retry budget (Finagle).")),
  rateLimiter: onOff(closedObject({
    type: { enum: ["resilience4j", "token-bucket"] },
    limitForPeriod: int(1, "Resilience4j: permits per refresh period (50)."),
    limitRefreshPeriodUs: duration("Resilience4j: the refresh period (500 ns)."),
    timeoutDurationUs: duration("Resilience4j: how long a call may wait for a permit (5 s)."),
    rate: rate("Token bucket: the refill rate."),
    burst: int(1, "Token bucket: its size."),
    maxWaitUs: duration("Token bucket: how long a call may wait (default 0)."),
  }, "Rate limiter.")),
  bulkhead: onOff(closedObject({
    maxConcurrentCalls: int(1, "Resilience4j 25."),
    maxWaitDurationUs: duration("Resilience4j 0: refuse at once."),
  }, "Bulkhead (Resilience4j).")),
  breaker: onOff({ type: "object", description: `Circuit breaker: {scope: service | instance, profile: ${Object.keys(BREAKER_PROFILES).join(" | ")}, and Resilience4j's options (failureRateThreshold, slidingWindowSize, minimumNumberOfCalls, waitDurationInOpenStateUs, permittedNumberOfCallsInHalfOpenState, ..., bug)}.` }),
  hedging: onOff(closedObject({ maxAttempts: int(1, "Attempts in flight at most (gRPC caps at 5)."), hedgingDelayUs: duration("Wait before each further attempt.") }, "Hedged requests (gRPC).")),
  fallback: onOff(closedObject({
    type: { enum: ["static", "cache", "service"] },
    value: { description: "static: the answer." },
    service: { type: "string", description: "service: the service to call instead." },
  }, "Fallback when every attempt failed.")),
  requestType: { type: "string", description: "Message type sent to instances (default request)." },
  recordHistory: bool("Record call-start, call-attempt and call-end (default true)."),
  metricsPrefix: { type: "string", description: "Prefix for this proxy's metrics (rr gives rr.latency), to compare clients side by side." },
}, "A service proxy: resolve, balance, breaker, timeout, retry, budget, rate limit, bulkhead, hedging, fallback.");
