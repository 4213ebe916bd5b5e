import type { Micros } from "../../core/time";
import { SECOND } from "../../core/time";
import type { Json } from "../../core/json";
import type { BreakerOptions } from "../breaker/breaker-options";
import { breakerProfile } from "../breaker/profiles";
import type { RegistryClientOptions } from "../registry/client-options";
import { registryClientOptions } from "../registry/registry-profiles";
import { badConfig, checkKeys, microsOr, toBool, toChoice, toInt, toMicros, toRate, toRatio } from "../../options/option-values";
import type { CallFailure } from "./call-failure";
import { CALL_FAILURES, DEFAULT_RETRY_ON } from "./call-failure";
import { INTERVAL_DEFAULTS } from "./policies/interval-function";
import { RETRY_DEFAULTS } from "./policies/retry";
import { RETRY_BUDGET_DEFAULTS } from "./policies/retry-budget";
import { RATE_LIMITER_DEFAULTS } from "./policies/atomic-rate-limiter";
import { BULKHEAD_DEFAULTS } from "./policies/bulkhead";
import { TIME_LIMITER_DEFAULTS } from "./policies/time-limiter";

/** Retry: Resilience4j's RetryConfig and IntervalFunction, with which failures to retry. */
export interface RetrySettings {
  maxAttempts: number;
  backoff: "fixed" | "exponential" | "exponential-random";
  initialIntervalUs: Micros;
  multiplier: number;
  randomizationFactor: number;
  maxIntervalUs: Micros | null;
  retryOn: CallFailure[];
}

/** Rate limiting: Resilience4j's cycle limiter or a token bucket. */
export type RateLimiterSettings =
  | { type: "resilience4j"; limitForPeriod: number; limitRefreshPeriodUs: Micros; timeoutDurationUs: Micros }
  | { type: "token-bucket"; ratePerSec: number; burst: number; maxWaitUs: Micros };

/** Fallback when every attempt failed (or the call was refused). */
export type FallbackSettings =
  | { type: "static"; value: Json }
  | { type: "cache" }
  | { type: "service"; service: string };

/** The breaker: Resilience4j's options (from a profile), and whether one guards a service or each instance. */
export interface BreakerSettings {
  scope: "service" | "instance";
  options: Partial<BreakerOptions>;
}

/**
 * A service proxy's configuration: one optional block per policy, each off unless given (except
 * the time limiter, which is always on). Inside each block the names and defaults are those of
 * the system the policy comes from (Resilience4j, Finagle, gRPC), written once in policies/.
 */
export interface ProxyOptions {
  /** A balancer strategy name (balancer/catalog.ts) and its options. Default round robin. */
  strategy: string;
  strategyOptions: Record<string, unknown>;
  /** Passive health (nginx max_fails or Envoy outlier detection); null off. */
  passiveHealth: Record<string, unknown> | null;
  /** Static instance addresses per service (Ribbon's listOfServers): the registry is not asked for these. */
  instances: Record<string, string[]>;
  registry: RegistryClientOptions;
  /** How long a first call waits for the registry's first answer about a service. */
  resolveTimeoutUs: Micros;
  /** Per-attempt timeout (Resilience4j TimeLimiter: 1 s). */
  timeoutUs: Micros;
  retry: RetrySettings | null;
  retryBudget: { ttlUs: Micros; minRetriesPerSec: number; percentCanRetry: number } | null;
  rateLimiter: RateLimiterSettings | null;
  bulkhead: { maxConcurrentCalls: number; maxWaitDurationUs: Micros } | null;
  breaker: BreakerSettings | null;
  hedging: { maxAttempts: number; hedgingDelayUs: Micros } | null;
  fallback: FallbackSettings | null;
  /** Request type sent to instances. */
  requestType: string;
  /**
   * Record `call-start`, `call-attempt` and `call-end` in the history (default true). Off only for
   * long measurement runs, where the metrics are what is read and the checkers have nothing to do.
   */
  recordHistory: boolean;
  /** A prefix for every metric of this proxy (`rr.` gives `rr.latency`), to compare clients side by side. */
  metricsPrefix: string;
}

const KEYS = [
  "strategy", "strategyOptions", "passiveHealth", "instances", "registry", "resolveTimeoutUs", "timeoutUs", "retry",
  "retryBudget", "rateLimiter", "bulkhead", "breaker", "hedging", "fallback", "requestType", "recordHistory", "metricsPrefix",
];

type Obj = Record<string, unknown>;

const block = (v: unknown, where: string, field: string): Obj | null => {
  if (v === undefined || v === null || v === false) return null;
  if (v === true) return {};
  if (typeof v !== "object" || Array.isArray(v)) return badConfig(where, field, "a mapping of options (or true for the defaults)", v);
  return v as Obj;
};

/** Converts duration-looking strings (`10s`) in a pass-through options block to microseconds. */
function durations(o: Obj, where: string, field: string): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(o)) {
    out[k] = typeof v === "string" && /^\s*(\d+(\.\d+)?(us|µs|ms|s|m|h))+\s*$/.test(v) ? toMicros(v, where, `${field}.${k}`) : v;
  }
  return out;
}

/** Reads a proxy's config (the `proxy` block of a client, or a proxy process's config). */
export function resolveProxyOptions(config: Obj, where: string): ProxyOptions {
  checkKeys(config, KEYS, where);
  const w = where;
  const retry = block(config.retry, w, "retry");
  const budget = block(config.retryBudget, w, "retryBudget");
  const rl = block(config.rateLimiter, w, "rateLimiter");
  const bh = block(config.bulkhead, w, "bulkhead");
  const br = block(config.breaker, w, "breaker");
  const hedge = block(config.hedging, w, "hedging");
  const fb = block(config.fallback, w, "fallback");
  const ph = block(config.passiveHealth, w, "passiveHealth");
  const instances = (config.instances ?? {}) as Obj;
  if (typeof instances !== "object" || Array.isArray(instances)) badConfig(w, "instances", "a mapping from service name to a list of addresses", instances);
  for (const [s, list] of Object.entries(instances)) {
    if (!Array.isArray(list) || !list.every((a) => typeof a === "string" && a.includes("/"))) {
      badConfig(w, `instances.${s}`, 'a list of addresses such as "n1/api"', list);
    }
  }
  return {
    strategy: typeof config.strategy === "string" ? config.strategy : config.strategy === undefined ? "round-robin" : badConfig(w, "strategy", "a balancer strategy name", config.strategy),
    strategyOptions: durations(block(config.strategyOptions, w, "strategyOptions") ?? {}, w, "strategyOptions"),
    passiveHealth: ph ? durations(ph, w, "passiveHealth") : null,
    instances: instances as Record<string, string[]>,
    registry: registryClientOptions(config.registry, w),
    resolveTimeoutUs: microsOr(config.resolveTimeoutUs, 2 * SECOND, w, "resolveTimeoutUs"),
    timeoutUs: microsOr(config.timeoutUs, TIME_LIMITER_DEFAULTS.timeoutDurationUs, w, "timeoutUs"),
    retry: retry && retrySettings(retry, w),
    retryBudget: budget && (checkKeys(budget, ["ttlUs", "minRetriesPerSec", "percentCanRetry"], `${w}: retryBudget`), {
      ttlUs: microsOr(budget.ttlUs, RETRY_BUDGET_DEFAULTS.ttlUs, w, "retryBudget.ttlUs"),
      minRetriesPerSec: budget.minRetriesPerSec === undefined ? RETRY_BUDGET_DEFAULTS.minRetriesPerSec : toRate(budget.minRetriesPerSec, w, "retryBudget.minRetriesPerSec"),
      percentCanRetry: budget.percentCanRetry === undefined ? RETRY_BUDGET_DEFAULTS.percentCanRetry : toRatio(budget.percentCanRetry, w, "retryBudget.percentCanRetry"),
    }),
    rateLimiter: rl && rateLimiterSettings(rl, w),
    bulkhead: bh && (checkKeys(bh, ["maxConcurrentCalls", "maxWaitDurationUs"], `${w}: bulkhead`), {
      maxConcurrentCalls: bh.maxConcurrentCalls === undefined ? BULKHEAD_DEFAULTS.maxConcurrentCalls : toInt(bh.maxConcurrentCalls, 1, w, "bulkhead.maxConcurrentCalls"),
      maxWaitDurationUs: microsOr(bh.maxWaitDurationUs, BULKHEAD_DEFAULTS.maxWaitDurationUs, w, "bulkhead.maxWaitDurationUs"),
    }),
    breaker: br && breakerSettings(br, w),
    hedging: hedge && (checkKeys(hedge, ["maxAttempts", "hedgingDelayUs"], `${w}: hedging`), {
      maxAttempts: toInt(hedge.maxAttempts ?? 2, 1, w, "hedging.maxAttempts"),
      hedgingDelayUs: microsOr(hedge.hedgingDelayUs, 0, w, "hedging.hedgingDelayUs"),
    }),
    fallback: fb && fallbackSettings(fb, w),
    requestType: typeof config.requestType === "string" ? config.requestType : "request",
    recordHistory: config.recordHistory === undefined ? true : toBool(config.recordHistory, w, "recordHistory"),
    metricsPrefix: config.metricsPrefix === undefined ? "" : typeof config.metricsPrefix === "string" ? config.metricsPrefix : badConfig(w, "metricsPrefix", "a string such as \"rr\"", config.metricsPrefix),
  };
}

function retrySettings(r: Obj, w: string): RetrySettings {
  checkKeys(r, ["maxAttempts", "backoff", "initialIntervalUs", "multiplier", "randomizationFactor", "maxIntervalUs", "retryOn"], `${w}: retry`);
  const retryOn = r.retryOn === undefined ? [...DEFAULT_RETRY_ON] : r.retryOn;
  if (!Array.isArray(retryOn) || !retryOn.every((f) => CALL_FAILURES.includes(f as CallFailure))) {
    badConfig(w, "retry.retryOn", `a list of failures from ${CALL_FAILURES.join(", ")}`, retryOn);
  }
  return {
    maxAttempts: r.maxAttempts === undefined ? RETRY_DEFAULTS.maxAttempts : toInt(r.maxAttempts, 1, w, "retry.maxAttempts"),
    backoff: r.backoff === undefined ? "fixed" : toChoice(r.backoff, ["fixed", "exponential", "exponential-random"] as const, w, "retry.backoff"),
    initialIntervalUs: microsOr(r.initialIntervalUs, INTERVAL_DEFAULTS.initialIntervalUs, w, "retry.initialIntervalUs"),
    multiplier: r.multiplier === undefined ? INTERVAL_DEFAULTS.multiplier : (typeof r.multiplier === "number" && r.multiplier >= 1 ? r.multiplier : badConfig(w, "retry.multiplier", "a number >= 1", r.multiplier)),
    randomizationFactor: r.randomizationFactor === undefined ? INTERVAL_DEFAULTS.randomizationFactor : toRatio(r.randomizationFactor, w, "retry.randomizationFactor"),
    maxIntervalUs: r.maxIntervalUs === undefined || r.maxIntervalUs === null ? null : toMicros(r.maxIntervalUs, w, "retry.maxIntervalUs"),
    retryOn: retryOn as CallFailure[],
  };
}

function rateLimiterSettings(r: Obj, w: string): RateLimiterSettings {
  const type = r.type ?? "resilience4j";
  if (type === "token-bucket") {
    checkKeys(r, ["type", "rate", "burst", "maxWaitUs"], `${w}: rateLimiter`);
    if (r.rate === undefined) badConfig(w, "rateLimiter.rate", 'a rate such as "100/s" (a token bucket has no default rate)', r.rate);
    const ratePerSec = toRate(r.rate, w, "rateLimiter.rate");
    return { type, ratePerSec, burst: r.burst === undefined ? Math.max(1, Math.ceil(ratePerSec)) : toInt(r.burst, 1, w, "rateLimiter.burst"), maxWaitUs: microsOr(r.maxWaitUs, 0, w, "rateLimiter.maxWaitUs") };
  }
  if (type !== "resilience4j") badConfig(w, "rateLimiter.type", '"resilience4j" or "token-bucket"', type);
  checkKeys(r, ["type", "limitForPeriod", "limitRefreshPeriodUs", "timeoutDurationUs"], `${w}: rateLimiter`);
  return {
    type: "resilience4j",
    limitForPeriod: r.limitForPeriod === undefined ? RATE_LIMITER_DEFAULTS.limitForPeriod : toInt(r.limitForPeriod, 1, w, "rateLimiter.limitForPeriod"),
    limitRefreshPeriodUs: microsOr(r.limitRefreshPeriodUs, 0, w, "rateLimiter.limitRefreshPeriodUs"),
    timeoutDurationUs: microsOr(r.timeoutDurationUs, RATE_LIMITER_DEFAULTS.timeoutDurationUs, w, "rateLimiter.timeoutDurationUs"),
  };
}

function breakerSettings(b: Obj, w: string): BreakerSettings {
  const { scope = "service", profile, ...rest } = b;
  if (scope !== "service" && scope !== "instance") badConfig(w, "breaker.scope", '"service" (one breaker per service) or "instance" (one per instance)', scope);
  let base: Partial<BreakerOptions> = {};
  if (profile !== undefined) {
    try {
      base = breakerProfile(String(profile)).breaker;
    } catch (e) {
      badConfig(w, "breaker.profile", (e as Error).message, profile);
    }
  }
  const given = durations(rest, w, "breaker") as Partial<BreakerOptions>;
  return { scope: scope as BreakerSettings["scope"], options: { ...base, ...given } };
}

function fallbackSettings(f: Obj, w: string): FallbackSettings {
  const type = f.type ?? (f.service !== undefined ? "service" : "value" in f ? "static" : "cache");
  if (type === "static") return { type, value: (f.value ?? null) as Json };
  if (type === "cache") return { type };
  if (type === "service") {
    if (typeof f.service !== "string") badConfig(w, "fallback.service", "the name of the service to call instead", f.service);
    return { type, service: f.service as string };
  }
  return badConfig(w, "fallback.type", '"static" (with value), "cache" (the last good answer) or "service" (with service)', type);
}
