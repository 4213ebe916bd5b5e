import { SECOND } from "../../core/time";
import { badConfig, checkKeys, toBool, toRate } from "../../options/option-values";
import type { OptionTable } from "../../options/option-table";
import { defaultsOf, readOptions } from "../../options/option-table";

/**
 * Deliberate, realistic bugs of a gateway, for the bug zoo. `auth-after-routing`: the key check
 * runs on the way back, after the request was proxied (a Spring Cloud Gateway filter written as
 * `chain.filter(exchange).then(check)`, or a Kong plugin given a priority below the proxying
 * phase). The caller still gets 401, so from outside everything looks right; only the backend saw
 * the request. `gateway-auth` catches it.
 */
export type GatewayBug = "none" | "auth-after-routing";

/** One route: a path prefix and the service behind it (Kong's Route + Service). */
export interface RouteOptions {
  /** Name in metrics and history; default the service name. */
  id: string;
  /** Path prefix it matches (`/orders`); the longest matching prefix wins. */
  path: string;
  /** The service name the proxy resolves (through the registry, or static `instances`). */
  service: string;
  /** Kong's strip_path (default true): the matched prefix is removed before forwarding. */
  stripPath: boolean;
  /** Whether key-auth applies to this route (default: whenever the gateway has keys). */
  auth: boolean;
  /** The route's own proxy: the gateway's `proxy` block with the route's overrides merged in. */
  proxy: Record<string, unknown>;
}

/** Key authentication, as Kong's key-auth plugin does it. */
export interface KeyAuthOptions {
  /** Kong's key_names: where the key may be (a header, or a field of the request). Default ["apikey"]. */
  keyNames: string[];
  /** Credential key -> consumer name. */
  keys: Record<string, string>;
}

/**
 * A per-client token bucket, as Spring Cloud Gateway's RequestRateLimiter (RedisRateLimiter)
 * does it: `replenishRate` tokens a second, at most `burstCapacity` saved up, one token a
 * request, 429 when empty. The key is the consumer (Kong's `limit_by: consumer`), or the
 * caller's IP address when the request has none (Kong falls back to the IP the same way).
 */
export interface ConsumerRateLimit {
  replenishRatePerSec: number;
  burstCapacity: number;
  keyBy: "consumer" | "ip";
}

/**
 * Thread isolation, as Zuul 1 does it with Hystrix (`ribbonIsolationStrategy: THREAD`): each
 * proxied request holds a thread of a pool of `coreSize` for its whole duration, and a request
 * that finds the pool busy is refused at once (Hystrix's default maxQueueSize -1, a
 * SynchronousQueue). By default every route shares one pool (Hystrix's `RibbonCommand` key);
 * `separatePools` (Zuul's `threadPool.useSeparateThreadPools`) gives each route its own.
 */
export interface ThreadPoolOptions {
  /** Hystrix threadpool coreSize: 10. */
  coreSize: number;
  separatePools: boolean;
}

/** A gateway's configuration: routes, the proxy they share, and the filters in front. */
export interface GatewayOptions {
  routes: RouteOptions[];
  /** Null: no authentication at all. */
  auth: KeyAuthOptions | null;
  rateLimit: ConsumerRateLimit | null;
  /** Null: no thread pool, an event-loop gateway (Spring Cloud Gateway on Netty, Kong on nginx). */
  threadPool: ThreadPoolOptions | null;
  /** Record one `gateway-request` per request (the access log); default true. */
  accessLog: boolean;
  /** Prefix of the gateway's metrics (default `gateway`), to compare gateways side by side. */
  metricsPrefix: string;
  bug: GatewayBug;
}

/**
 * The gateway's plain options, declared once (engine/options/option-table.ts); the route,
 * rate-limit and thread-pool blocks have their own tables below.
 */
export const GATEWAY_OPTIONS = {
  accessLog: { type: "bool", default: true, description: "Record one gateway-request per request (the access log)." },
  metricsPrefix: { type: "string", default: "gateway", description: "Prefix of the gateway's metrics (letters, digits, _ . -), to compare gateways side by side." },
  bug: { type: "enum", default: "none", values: ["none", "auth-after-routing"], description: "Bug zoo: auth-after-routing checks the API key only after proxying." },
} as const satisfies OptionTable;

/**
 * A route's options with Kong's defaults for a Service (its upstream). Kong retries a request
 * that timed out or could not connect, at once and on the next target, but never one the
 * upstream answered, even with a 500. `auth` defaults to whether the gateway has keys.
 */
export const ROUTE_OPTIONS = {
  stripPath: { type: "bool", default: true, description: "Remove the matched prefix before forwarding.", source: "Kong strip_path" },
  timeout: { type: "duration", default: 60 * SECOND, description: "Per-attempt timeout of the route's proxy.", source: "Kong read_timeout" },
  retries: { type: "int", default: 5, min: 0, description: "Retries after the first attempt, on timeouts and connect failures only.", source: "Kong retries" },
} as const satisfies OptionTable;

/**
 * The per-client token bucket's options, as Spring Cloud Gateway's RedisRateLimiter names them;
 * `replenishRate` has no default and is required.
 */
export const RATE_LIMIT_OPTIONS = {
  burstCapacity: { type: "int", default: null, nullable: true, min: 1, description: "Bucket size; null: the replenish rate rounded up (as RedisRateLimiter does).", source: "Spring Cloud Gateway burstCapacity" },
  keyBy: { type: "enum", default: "consumer", values: ["consumer", "ip"], description: "Bucket per consumer (falling back to the IP when a request has none) or per IP.", source: "Kong limit_by" },
} as const satisfies OptionTable;

/** Hystrix's thread pool options (HystrixThreadPoolProperties; maxQueueSize -1 is not an option: a full pool refuses). */
export const THREAD_POOL_OPTIONS = {
  coreSize: { type: "int", default: 10, min: 1, description: "Threads per pool.", source: "Hystrix coreSize" },
  separatePools: { type: "bool", default: false, description: "One pool per route instead of one shared pool.", source: "Zuul threadPool.useSeparateThreadPools" },
} as const satisfies OptionTable;

/** Kong's key-auth key_names default: where the key may be. An array, so beside the tables. */
export const DEFAULT_KEY_NAMES: readonly string[] = ["apikey"];

/** How Kong retries: at once (1 µs, the shortest wait the interval functions take), only when the upstream did not answer. */
const KONG_RETRY = { waitUs: 1, retryOn: ["timeout", "unavailable", "service-unavailable"] } as const;

/** Kong's retry block for `retries` retries after the first attempt (none for 0). */
function kongRetry(retries: number): Record<string, unknown> | null {
  return retries === 0 ? null : { maxAttempts: retries + 1, initialIntervalUs: KONG_RETRY.waitUs, retryOn: [...KONG_RETRY.retryOn] };
}

/** The proxy options Kong's route defaults give (read_timeout and retries), for the kind's `kong` profile and under every route. */
export function kongProxyDefaults(): Record<string, unknown> {
  const d = defaultsOf(ROUTE_OPTIONS);
  return { timeoutUs: d.timeout, retry: kongRetry(d.retries) };
}

/** Hystrix's thread pool defaults, from the table. */
export const THREAD_POOL_DEFAULTS: ThreadPoolOptions = defaultsOf(THREAD_POOL_OPTIONS);

const KEYS = [...Object.keys(GATEWAY_OPTIONS), "routes", "proxy", "auth", "rateLimit", "threadPool"];
const ROUTE_KEYS = [...Object.keys(ROUTE_OPTIONS), "id", "path", "service", "auth", "proxy"];

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Reads a gateway's config. Each route's proxy is the gateway's `proxy` block over Kong's
 * defaults, with the route's `timeout` (Kong read_timeout, per attempt) and `retries` (Kong
 * retries: attempts after the first) and then its own `proxy` block merged in, key by key.
 */
export function resolveGatewayOptions(c: Obj, where: string): GatewayOptions {
  checkKeys(c, KEYS, where);
  const plain = readOptions(GATEWAY_OPTIONS, c, where);
  if (!/^[A-Za-z0-9_.-]+$/.test(plain.metricsPrefix)) badConfig(where, "metricsPrefix", "a metric name part such as \"shared\"", c.metricsPrefix);
  const base = c.proxy ?? {};
  if (!isObj(base)) badConfig(where, "proxy", "a mapping of proxy options (engine/systems/proxy/proxy-options.ts)", base);
  if (!Array.isArray(c.routes) || c.routes.length === 0) badConfig(where, "routes", "a non-empty list of {path, service}", c.routes);
  const auth = resolveAuth(c.auth, where);
  const routes = (c.routes as unknown[]).map((r, i) => resolveRoute(r, i, base as Obj, auth !== null, where));
  const ids = new Set<string>();
  for (const r of routes) {
    if (ids.has(r.id)) badConfig(where, "routes", `routes with different ids (two are "${r.id}"; give one an id)`, r.id);
    ids.add(r.id);
  }
  return {
    routes,
    auth,
    rateLimit: resolveRateLimit(c.rateLimit, where),
    threadPool: resolveThreadPool(c.threadPool, where),
    ...plain,
  };
}

function resolveRoute(v: unknown, i: number, base: Obj, hasAuth: boolean, where: string): RouteOptions {
  const at = `routes[${i}]`;
  if (!isObj(v)) return badConfig(where, at, "a mapping {path, service, ...}", v);
  checkKeys(v, ROUTE_KEYS, `${where}: ${at}`);
  if (typeof v.path !== "string" || !v.path.startsWith("/")) badConfig(where, `${at}.path`, 'a path prefix starting with "/", such as "/orders"', v.path);
  if (typeof v.service !== "string" || v.service === "") badConfig(where, `${at}.service`, "the name of the service behind the route", v.service);
  const own = v.proxy ?? {};
  if (!isObj(own)) badConfig(where, `${at}.proxy`, "a mapping of proxy options", own);
  const o = readOptions(ROUTE_OPTIONS, v, `${where}: ${at}`);
  // Kong's defaults sit under the gateway's proxy block; a route's own timeout and retries win over both.
  const proxy: Obj = { ...kongProxyDefaults(), ...base };
  if (v.timeout !== undefined) proxy.timeoutUs = o.timeout;
  if (v.retries !== undefined) {
    const retries = o.retries;
    proxy.retry = retries === 0 ? null : { ...(isObj(proxy.retry) ? proxy.retry : kongRetry(retries)), maxAttempts: retries + 1 };
  }
  Object.assign(proxy, own);
  return {
    id: v.id === undefined ? (v.service as string) : typeof v.id === "string" && /^[A-Za-z0-9_-]+$/.test(v.id) ? v.id : badConfig(where, `${at}.id`, "a name of letters, digits, _ and -", v.id),
    path: v.path as string,
    service: v.service as string,
    stripPath: o.stripPath,
    auth: v.auth === undefined ? hasAuth : toBool(v.auth, where, `${at}.auth`),
    proxy,
  };
}

function resolveAuth(v: unknown, where: string): KeyAuthOptions | null {
  if (v === undefined || v === null || v === false) return null;
  if (!isObj(v)) return badConfig(where, "auth", "a mapping {keys: {key: consumer}, keyNames}", v);
  checkKeys(v, ["keys", "keyNames"], `${where}: auth`);
  const keys = v.keys;
  if (!isObj(keys) || !Object.values(keys).every((c) => typeof c === "string" && c !== "")) {
    badConfig(where, "auth.keys", 'a mapping from credential key to consumer name, such as {"k-alice": alice}', keys);
  }
  const names = v.keyNames ?? [...DEFAULT_KEY_NAMES];
  if (!Array.isArray(names) || names.length === 0 || !names.every((n) => typeof n === "string" && /^[A-Za-z0-9_-]+$/.test(n))) {
    badConfig(where, "auth.keyNames", 'a non-empty list of header or field names such as ["apikey"]', names);
  }
  return { keys: { ...(keys as Record<string, string>) }, keyNames: [...(names as string[])] };
}

function resolveRateLimit(v: unknown, where: string): ConsumerRateLimit | null {
  if (v === undefined || v === null || v === false) return null;
  if (!isObj(v)) return badConfig(where, "rateLimit", "a mapping {replenishRate, burstCapacity, keyBy}", v);
  checkKeys(v, ["replenishRate", ...Object.keys(RATE_LIMIT_OPTIONS)], `${where}: rateLimit`);
  const o = readOptions(RATE_LIMIT_OPTIONS, v, `${where}: rateLimit`);
  if (v.replenishRate === undefined) badConfig(where, "rateLimit.replenishRate", 'a rate such as "10/s" (Spring Cloud Gateway has no default)', v.replenishRate);
  const rate = toRate(v.replenishRate, where, "rateLimit.replenishRate");
  if (rate <= 0) badConfig(where, "rateLimit.replenishRate", "a rate above zero", v.replenishRate);
  return {
    replenishRatePerSec: rate,
    // Spring Cloud Gateway's RedisRateLimiter takes burstCapacity = replenishRate when not given.
    burstCapacity: o.burstCapacity ?? Math.max(1, Math.ceil(rate)),
    keyBy: o.keyBy,
  };
}

function resolveThreadPool(v: unknown, where: string): ThreadPoolOptions | null {
  if (v === undefined || v === null || v === false) return null;
  if (v === true) return { ...THREAD_POOL_DEFAULTS };
  if (!isObj(v)) return badConfig(where, "threadPool", "a mapping {coreSize, separatePools} (or true for Hystrix's defaults)", v);
  checkKeys(v, Object.keys(THREAD_POOL_OPTIONS), `${where}: threadPool`);
  return readOptions(THREAD_POOL_OPTIONS, v, `${where}: threadPool`);
}
