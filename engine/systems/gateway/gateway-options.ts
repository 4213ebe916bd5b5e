import { SECOND } from "../../core/time";
import { badConfig, checkKeys, microsOr, toBool, toChoice, toInt, toRate } from "../../options/option-values";

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
 * Kong's defaults for a Service (its upstream): read_timeout 60 000 ms and 5 retries, and
 * key-auth's key_names ["apikey"]. Kong retries a request that timed out or could not connect,
 * at once and on the next target, but never one the upstream answered, even with a 500.
 * Hystrix's thread pool defaults (coreSize 10) are in `THREAD_POOL_DEFAULTS`.
 */
export const GATEWAY_DEFAULTS = {
  timeoutUs: 60 * SECOND,
  retries: 5,
  retryWaitUs: 1,
  retryOn: ["timeout", "unavailable", "service-unavailable"],
  keyNames: ["apikey"],
} as const;

/** Hystrix's thread pool defaults (HystrixThreadPoolProperties: coreSize 10, maxQueueSize -1). */
export const THREAD_POOL_DEFAULTS: ThreadPoolOptions = { coreSize: 10, separatePools: false };

const KEYS = ["routes", "proxy", "auth", "rateLimit", "threadPool", "accessLog", "metricsPrefix", "bug"];
const ROUTE_KEYS = ["id", "path", "service", "stripPath", "auth", "timeout", "retries", "proxy"];

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Reads a gateway's config. Each route's proxy is the gateway's `proxy` block over Kong's
 * defaults, with the route's `timeout` (Kong read_timeout, per attempt) and `retries` (Kong
 * retries: attempts after the first) and then its own `proxy` block merged in, key by key.
 */
export function resolveGatewayOptions(c: Obj, where: string): GatewayOptions {
  checkKeys(c, KEYS, where);
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
    accessLog: c.accessLog === undefined ? true : toBool(c.accessLog, where, "accessLog"),
    metricsPrefix: c.metricsPrefix === undefined ? "gateway" : typeof c.metricsPrefix === "string" && /^[A-Za-z0-9_.-]+$/.test(c.metricsPrefix) ? c.metricsPrefix : badConfig(where, "metricsPrefix", "a metric name part such as \"shared\"", c.metricsPrefix),
    bug: c.bug === undefined ? "none" : toChoice(c.bug, ["none", "auth-after-routing"] as const, where, "bug"),
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
  // Kong's retry: at once (1 µs, the shortest wait the interval functions take), and only when
  // the upstream did not answer (a timeout or a connect failure).
  const kongRetry = (retries: number): Obj | null => (retries === 0 ? null : { maxAttempts: retries + 1, initialIntervalUs: GATEWAY_DEFAULTS.retryWaitUs, retryOn: [...GATEWAY_DEFAULTS.retryOn] });
  const proxy: Obj = { timeoutUs: GATEWAY_DEFAULTS.timeoutUs, retry: kongRetry(GATEWAY_DEFAULTS.retries), ...base };
  if (v.timeout !== undefined) proxy.timeoutUs = microsOr(v.timeout, 0, where, `${at}.timeout`);
  if (v.retries !== undefined) {
    const retries = toInt(v.retries, 0, where, `${at}.retries`);
    proxy.retry = retries === 0 ? null : { ...(isObj(proxy.retry) ? proxy.retry : kongRetry(retries)), maxAttempts: retries + 1 };
  }
  Object.assign(proxy, own);
  return {
    id: v.id === undefined ? (v.service as string) : typeof v.id === "string" && /^[A-Za-z0-9_-]+$/.test(v.id) ? v.id : badConfig(where, `${at}.id`, "a name of letters, digits, _ and -", v.id),
    path: v.path as string,
    service: v.service as string,
    stripPath: v.stripPath === undefined ? true : toBool(v.stripPath, where, `${at}.stripPath`),
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
  const names = v.keyNames ?? [...GATEWAY_DEFAULTS.keyNames];
  if (!Array.isArray(names) || names.length === 0 || !names.every((n) => typeof n === "string" && /^[A-Za-z0-9_-]+$/.test(n))) {
    badConfig(where, "auth.keyNames", 'a non-empty list of header or field names such as ["apikey"]', names);
  }
  return { keys: { ...(keys as Record<string, string>) }, keyNames: [...(names as string[])] };
}

function resolveRateLimit(v: unknown, where: string): ConsumerRateLimit | null {
  if (v === undefined || v === null || v === false) return null;
  if (!isObj(v)) return badConfig(where, "rateLimit", "a mapping {replenishRate, burstCapacity, keyBy}", v);
  checkKeys(v, ["replenishRate", "burstCapacity", "keyBy"], `${where}: rateLimit`);
  if (v.replenishRate === undefined) badConfig(where, "rateLimit.replenishRate", 'a rate such as "10/s" (Spring Cloud Gateway has no default)', v.replenishRate);
  const rate = toRate(v.replenishRate, where, "rateLimit.replenishRate");
  if (rate <= 0) badConfig(where, "rateLimit.replenishRate", "a rate above zero", v.replenishRate);
  return {
    replenishRatePerSec: rate,
    // Spring Cloud Gateway's RedisRateLimiter takes burstCapacity = replenishRate when not given.
    burstCapacity: v.burstCapacity === undefined ? Math.max(1, Math.ceil(rate)) : toInt(v.burstCapacity, 1, where, "rateLimit.burstCapacity"),
    keyBy: v.keyBy === undefined ? "consumer" : toChoice(v.keyBy, ["consumer", "ip"] as const, where, "rateLimit.keyBy"),
  };
}

function resolveThreadPool(v: unknown, where: string): ThreadPoolOptions | null {
  if (v === undefined || v === null || v === false) return null;
  if (v === true) return { ...THREAD_POOL_DEFAULTS };
  if (!isObj(v)) return badConfig(where, "threadPool", "a mapping {coreSize, separatePools} (or true for Hystrix's defaults)", v);
  checkKeys(v, ["coreSize", "separatePools"], `${where}: threadPool`);
  return {
    coreSize: v.coreSize === undefined ? THREAD_POOL_DEFAULTS.coreSize : toInt(v.coreSize, 1, where, "threadPool.coreSize"),
    separatePools: v.separatePools === undefined ? THREAD_POOL_DEFAULTS.separatePools : toBool(v.separatePools, where, "threadPool.separatePools"),
  };
}
