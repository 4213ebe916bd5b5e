import type { Micros } from "../../core/time";
import { badConfig, checkKeys, microsOr, toChoice, toInt, toRate } from "../../options/option-values";
import type { ProxyOptions } from "../proxy/proxy-options";
import { resolveProxyOptions } from "../proxy/proxy-options";
import type { ArrivalConfig } from "./arrivals";
import { arrivalOf } from "./arrivals";
import type { KeyOptions } from "./request-keys";

/**
 * The `client` kind's configuration. `arrival`, `deadline`, `requests` and `stopAt` are what
 * the scenario loader writes from a `workload:` entry's own keys (see scenarios/convert/workload.ts);
 * the rest comes from the entry's `config`.
 */
export interface ClientOptions {
  /** The service to call. */
  service: string;
  arrival: ArrivalConfig;
  /** Each request must end within this long; null: only the proxy's timeouts. */
  deadlineUs: Micros | null;
  /** Stop after this many requests; null: no limit. */
  requests: number | null;
  /** Stop sending at this local time; null: never. */
  stopAtUs: Micros | null;
  /** Closed loop: think times are `constant` (the loader's `think`) or `exponential` with that mean. */
  thinkDistribution: "constant" | "exponential";
  keys: KeyOptions;
  proxy: ProxyOptions;
  /** The request body sent with each call (the request number and keys are added). */
  body: Record<string, unknown>;
}

const KEYS = [
  "service", "arrival", "rate", "deadline", "requests", "stopAt", "thinkDistribution", "uris", "uriCount", "uriDistribution",
  "zipfExponent", "users", "key", "proxy", "body",
];

/** Reads a client's config; `where` names the process in errors. */
export function resolveClientConfig(c: Record<string, unknown>, where: string): ClientOptions {
  checkKeys(c, KEYS, where);
  if (typeof c.service !== "string" || c.service === "") badConfig(where, "service", "the name of the service to call", c.service);
  const count = c.uriCount === undefined ? 0 : toInt(c.uriCount, 0, where, "uriCount");
  const uris = c.uris ?? Array.from({ length: count }, (_, k) => `/item/${k}`);
  if (!Array.isArray(uris) || !uris.every((u) => typeof u === "string")) badConfig(where, "uris", "a list of URI strings", uris);
  if (c.uris !== undefined && count > 0) badConfig(where, "uriCount", "left out when uris is given", c.uriCount);
  const users = c.users === undefined ? 0 : toInt(c.users, 0, where, "users");
  const key = c.key === undefined ? (users > 0 ? "user" : (uris as string[]).length > 0 ? "uri" : "none") : toChoice(c.key, ["user", "uri", "none"] as const, where, "key");
  const proxy = c.proxy ?? {};
  if (typeof proxy !== "object" || Array.isArray(proxy)) badConfig(where, "proxy", "a mapping of proxy options", proxy);
  const body = c.body ?? {};
  if (typeof body !== "object" || Array.isArray(body) || body === null) badConfig(where, "body", "a mapping", body);
  return {
    service: c.service as string,
    arrival: arrivalOf(c, where, (v, f) => toRate(v, where, f)),
    deadlineUs: c.deadline === undefined || c.deadline === null ? null : microsOr(c.deadline, 0, where, "deadline"),
    requests: c.requests === undefined || c.requests === null ? null : toInt(c.requests, 0, where, "requests"),
    stopAtUs: c.stopAt === undefined || c.stopAt === null ? null : microsOr(c.stopAt, 0, where, "stopAt"),
    thinkDistribution: c.thinkDistribution === undefined ? "constant" : toChoice(c.thinkDistribution, ["constant", "exponential"] as const, where, "thinkDistribution"),
    keys: {
      uris: uris as string[],
      uriDistribution: c.uriDistribution === undefined ? "uniform" : toChoice(c.uriDistribution, ["uniform", "zipf"] as const, where, "uriDistribution"),
      zipfExponent: typeof c.zipfExponent === "number" && c.zipfExponent > 0 ? c.zipfExponent : c.zipfExponent === undefined ? 1 : badConfig(where, "zipfExponent", "a positive number", c.zipfExponent),
      users,
      key,
    },
    proxy: resolveProxyOptions(proxy as Record<string, unknown>, `${where}: proxy`),
    body: body as Record<string, unknown>,
  };
}
