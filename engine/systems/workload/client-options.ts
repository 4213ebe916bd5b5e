import type { Micros } from "../../core/time";
import { badConfig, checkKeys, toChoice, toRate } from "../../options/option-values";
import type { OptionTable } from "../../options/option-table";
import { readOptions } from "../../options/option-table";
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

/**
 * The client's plain options, each declared once (engine/options/option-table.ts). The loader
 * writes `deadline`, `requests` and `stopAt` from a workload entry's own keys.
 */
export const CLIENT_OPTIONS = {
  deadline: { type: "duration", default: null, nullable: true, description: "Each request must end within this long; null: only the proxy's timeouts." },
  requests: { type: "int", default: null, nullable: true, min: 0, description: "Stop after this many requests; null: no limit." },
  stopAt: { type: "duration", default: null, nullable: true, description: "Stop sending at this local time; null: never." },
  thinkDistribution: { type: "enum", default: "constant", values: ["constant", "exponential"], description: "Closed loop: think times constant (the loader's think) or exponential with that mean." },
  uriCount: { type: "int", default: 0, min: 0, description: "Instead of uris: request /item/0 ... /item/(n-1)." },
  uriDistribution: { type: "enum", default: "uniform", values: ["uniform", "zipf"], description: "How URIs are drawn (zipf favours the first)." },
  zipfExponent: { type: "number", default: 1, min: 0, description: "Zipf exponent; above 0." },
  users: { type: "int", default: 0, min: 0, description: "Distinct user ids (user-0...); 0 none." },
} as const satisfies OptionTable;

const KEYS = [...Object.keys(CLIENT_OPTIONS), "service", "arrival", "rate", "uris", "key", "proxy", "body"];

/** Reads a client's config; `where` names the process in errors. */
export function resolveClientConfig(c: Record<string, unknown>, where: string): ClientOptions {
  checkKeys(c, KEYS, where);
  const o = readOptions(CLIENT_OPTIONS, c, where);
  if (o.zipfExponent <= 0) badConfig(where, "zipfExponent", "a positive number", c.zipfExponent);
  if (typeof c.service !== "string" || c.service === "") badConfig(where, "service", "the name of the service to call", c.service);
  const count = o.uriCount;
  const uris = c.uris ?? Array.from({ length: count }, (_, k) => `/item/${k}`);
  if (!Array.isArray(uris) || !uris.every((u) => typeof u === "string")) badConfig(where, "uris", "a list of URI strings", uris);
  if (c.uris !== undefined && count > 0) badConfig(where, "uriCount", "left out when uris is given", c.uriCount);
  const users = o.users;
  const key = c.key === undefined ? (users > 0 ? "user" : (uris as string[]).length > 0 ? "uri" : "none") : toChoice(c.key, ["user", "uri", "none"] as const, where, "key");
  const proxy = c.proxy ?? {};
  if (typeof proxy !== "object" || Array.isArray(proxy)) badConfig(where, "proxy", "a mapping of proxy options", proxy);
  const body = c.body ?? {};
  if (typeof body !== "object" || Array.isArray(body) || body === null) badConfig(where, "body", "a mapping", body);
  return {
    service: c.service as string,
    arrival: arrivalOf(c, where, (v, f) => toRate(v, where, f)),
    deadlineUs: o.deadline,
    requests: o.requests,
    stopAtUs: o.stopAt,
    thinkDistribution: o.thinkDistribution,
    keys: {
      uris: uris as string[],
      uriDistribution: o.uriDistribution,
      zipfExponent: o.zipfExponent,
      users,
      key,
    },
    proxy: resolveProxyOptions(proxy as Record<string, unknown>, `${where}: proxy`),
    body: body as Record<string, unknown>,
  };
}
