import type { Micros } from "../../core/time";
import { SECOND } from "../../core/time";
import type { Json } from "../../core/json";
import type { BreakerOptions } from "../breaker/breaker-options";
import { breakerProfile } from "../breaker/profiles";
import type { RegistryClientOptions } from "../registry/client-options";
import { registryClientOptions } from "../registry/registry-profiles";
import { badConfig, checkKeys, toMicros, toRate } from "../../options/option-values";
import type { OptionTable, OptionValues } from "../../options/option-table";
import { readOptions } from "../../options/option-table";
import type { CallFailure } from "./call-failure";
import { CALL_FAILURES, DEFAULT_RETRY_ON } from "./call-failure";
import { INTERVAL_OPTIONS } from "./policies/interval-function";
import { RETRY_OPTIONS } from "./policies/retry";
import { RETRY_BUDGET_OPTIONS } from "./policies/retry-budget";
import { RATE_LIMITER_OPTIONS } from "./policies/atomic-rate-limiter";
import { BULKHEAD_OPTIONS } from "./policies/bulkhead";
import { TIME_LIMITER_OPTIONS } from "./policies/time-limiter";
import { TOKEN_BUCKET_OPTIONS } from "./policies/token-bucket";

/** Retry: Resilience4j's RetryConfig and IntervalFunction, with which failures to retry. */
export type RetrySettings = OptionValues<typeof RETRY_BLOCK_OPTIONS> & { retryOn: CallFailure[] };

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
export type ProxyOptions = OptionValues<typeof PROXY_OPTIONS> & {
  /** The balancer strategy's options. */
  strategyOptions: Record<string, unknown>;
  /** Passive health (nginx max_fails or Envoy outlier detection); null off. */
  passiveHealth: Record<string, unknown> | null;
  /** Static instance addresses per service (Ribbon's listOfServers): the registry is not asked for these. */
  instances: Record<string, string[]>;
  registry: RegistryClientOptions;
  retry: RetrySettings | null;
  retryBudget: OptionValues<typeof RETRY_BUDGET_OPTIONS> | null;
  rateLimiter: RateLimiterSettings | null;
  bulkhead: OptionValues<typeof BULKHEAD_OPTIONS> | null;
  breaker: BreakerSettings | null;
  hedging: OptionValues<typeof HEDGING_BLOCK_OPTIONS> | null;
  fallback: FallbackSettings | null;
};

/**
 * The proxy's own plain options, declared once (engine/options/option-table.ts). The per-attempt
 * timeout is the time limiter's, declared in policies/time-limiter.ts.
 */
export const PROXY_OPTIONS = {
  strategy: { type: "string", default: "round-robin", description: "A balancer strategy name (balancer/catalog.ts)." },
  resolveTimeoutUs: { type: "duration", default: 2 * SECOND, description: "How long a first call waits for the registry's first answer about a service." },
  timeoutUs: { ...TIME_LIMITER_OPTIONS.timeoutDurationUs, description: "Per-attempt timeout." },
  requestType: { type: "string", default: "request", description: "Message type sent to instances." },
  // Off only for long measurement runs, where the metrics are what is read and the checkers have
  // nothing to do.
  recordHistory: { type: "bool", default: true, description: "Record call-start, call-attempt and call-end in the history." },
  metricsPrefix: { type: "string", default: "", description: "A prefix for every metric of this proxy (rr gives rr.latency), to compare clients side by side." },
} as const satisfies OptionTable;

/** The `retry` block: Resilience4j's RetryConfig and IntervalFunction options; `retryOn` is read beside them. */
export const RETRY_BLOCK_OPTIONS = {
  maxAttempts: RETRY_OPTIONS.maxAttempts,
  backoff: { type: "enum", default: "fixed", values: ["fixed", "exponential", "exponential-random"], description: "The interval function." },
  ...INTERVAL_OPTIONS,
  maxIntervalUs: { type: "duration", default: null, nullable: true, min: 1, description: "A cap on the wait, applied after randomization; null none." },
} as const satisfies OptionTable;

/** The `rateLimiter` block with `type: resilience4j` (the default type). */
export const R4J_RATE_LIMITER_BLOCK_OPTIONS = {
  limitForPeriod: RATE_LIMITER_OPTIONS.limitForPeriod,
  limitRefreshPeriodUs: { type: "duration", default: 0, description: "The refresh period; 0 keeps the limiter's own (limitRefreshPeriodNs), which is shorter than a microsecond.", source: "Resilience4j limitRefreshPeriod" },
  timeoutDurationUs: RATE_LIMITER_OPTIONS.timeoutDurationUs,
} as const satisfies OptionTable;

/** The `rateLimiter` block with `type: token-bucket`; its `rate` has no default and is required. */
export const TOKEN_BUCKET_BLOCK_OPTIONS = {
  burst: { type: "int", default: null, nullable: true, min: 1, description: "The bucket's size; null: the rate rounded up, at least 1." },
  ...TOKEN_BUCKET_OPTIONS,
} as const satisfies OptionTable;

/** The `hedging` block (gRPC's hedging policy). */
export const HEDGING_BLOCK_OPTIONS = {
  maxAttempts: { type: "int", default: 2, min: 1, description: "Attempts in flight at most, the first included (gRPC caps at 5).", source: "gRPC hedgingPolicy maxAttempts" },
  hedgingDelayUs: { type: "duration", default: 0, description: "Wait before each further attempt.", source: "gRPC hedgingDelay" },
} as const satisfies OptionTable;

const KEYS = [
  ...Object.keys(PROXY_OPTIONS), "strategyOptions", "passiveHealth", "instances", "registry", "retry",
  "retryBudget", "rateLimiter", "bulkhead", "breaker", "hedging", "fallback",
];

type Obj = Record<string, unknown>;

const block = (v: unknown, where: string, field: string): Obj | null => {
  if (v === undefined || v === null || v === false) return null;
  if (v === true) return {};
  if (typeof v !== "object" || Array.isArray(v)) return badConfig(where, field, "a mapping of options (or true for the defaults)", v);
  return v as Obj;
};

/** Reads one policy block: only the table's keys (and `extra`), each checked and defaulted. */
function blockOptions<T extends OptionTable>(table: T, b: Obj, where: string, extra: readonly string[] = []): OptionValues<T> {
  checkKeys(b, [...Object.keys(table), ...extra], where);
  return readOptions(table, b, where);
}

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
    ...readOptions(PROXY_OPTIONS, config, w),
    strategyOptions: durations(block(config.strategyOptions, w, "strategyOptions") ?? {}, w, "strategyOptions"),
    passiveHealth: ph ? durations(ph, w, "passiveHealth") : null,
    instances: instances as Record<string, string[]>,
    registry: registryClientOptions(config.registry, w),
    retry: retry && retrySettings(retry, w),
    retryBudget: budget && blockOptions(RETRY_BUDGET_OPTIONS, budget, `${w}: retryBudget`),
    rateLimiter: rl && rateLimiterSettings(rl, w),
    bulkhead: bh && blockOptions(BULKHEAD_OPTIONS, bh, `${w}: bulkhead`),
    breaker: br && breakerSettings(br, w),
    hedging: hedge && blockOptions(HEDGING_BLOCK_OPTIONS, hedge, `${w}: hedging`),
    fallback: fb && fallbackSettings(fb, w),
  };
}

function retrySettings(r: Obj, w: string): RetrySettings {
  const o = blockOptions(RETRY_BLOCK_OPTIONS, r, `${w}: retry`, ["retryOn"]);
  const retryOn = r.retryOn === undefined ? [...DEFAULT_RETRY_ON] : r.retryOn;
  if (!Array.isArray(retryOn) || !retryOn.every((f) => CALL_FAILURES.includes(f as CallFailure))) {
    badConfig(w, "retry.retryOn", `a list of failures from ${CALL_FAILURES.join(", ")}`, retryOn);
  }
  return { ...o, retryOn: retryOn as CallFailure[] };
}

function rateLimiterSettings(r: Obj, w: string): RateLimiterSettings {
  const type = r.type ?? "resilience4j";
  if (type === "token-bucket") {
    const o = blockOptions(TOKEN_BUCKET_BLOCK_OPTIONS, r, `${w}: rateLimiter`, ["type", "rate"]);
    if (r.rate === undefined) badConfig(w, "rateLimiter.rate", 'a rate such as "100/s" (a token bucket has no default rate)', r.rate);
    const ratePerSec = toRate(r.rate, w, "rateLimiter.rate");
    return { type, ratePerSec, burst: o.burst ?? Math.max(1, Math.ceil(ratePerSec)), maxWaitUs: o.maxWaitUs };
  }
  if (type !== "resilience4j") badConfig(w, "rateLimiter.type", '"resilience4j" or "token-bucket"', type);
  return { type: "resilience4j", ...blockOptions(R4J_RATE_LIMITER_BLOCK_OPTIONS, r, `${w}: rateLimiter`, ["type"]) };
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
