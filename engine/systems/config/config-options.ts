import type { Micros } from "../../core/time";
import { MINUTE, SECOND } from "../../core/time";
import type { Json } from "../../core/json";
import { badConfig, checkKeys, microsOr } from "../../options/option-values";
import type { OptionTable, OptionValues } from "../../options/option-table";
import { defaultsOf, readOptions } from "../../options/option-table";
import type { ConfigItems } from "./config-messages";
import { itemValue } from "./config-messages";

/**
 * A config server's plain options, each declared once (engine/options/option-table.ts), with
 * Apollo's config service defaults: a long poll is held 60 s (NotificationControllerV2's
 * DeferredResult timeout) and then answered 304; releases reach held polls through the release
 * message scanner, which reads the release messages once a second.
 */
export const CONFIG_SERVER_OPTIONS = {
  longPollTimeoutUs: { type: "duration", default: 60 * SECOND, description: "How long a long poll is held before a 304.", source: "Apollo NotificationControllerV2 DeferredResult timeout" },
  releaseScanIntervalUs: { type: "duration", default: SECOND, description: "How often releases are announced to held polls.", source: "Apollo apollo.message-scan.interval" },
} as const satisfies OptionTable;

/**
 * A config client's plain options, with Apollo's client defaults (ConfigUtil,
 * RemoteConfigLongPollService): connect timeout 1 s, read timeout 5 s, long poll read timeout
 * 90 s (longer than the server's 60 s hold), the first long poll 2 s after start, a periodic
 * refresh every 5 min as the fallback to the push, and a long poll that failed waits 1 s, then
 * 2, 4 ... up to 120 s.
 */
export const CONFIG_CLIENT_OPTIONS = {
  connectTimeoutUs: { type: "duration", default: SECOND, min: 1, description: "Connect timeout of a call to a config server.", source: "Apollo connectTimeout" },
  readTimeoutUs: { type: "duration", default: 5 * SECOND, min: 1, description: "Read timeout of a fetch.", source: "Apollo readTimeout" },
  longPollReadTimeoutUs: { type: "duration", default: 90 * SECOND, min: 1, description: "Read timeout of a long poll (longer than the server's hold)." },
  longPollInitialDelayUs: { type: "duration", default: 2 * SECOND, description: "Wait before the first long poll.", source: "Apollo longPollingInitialDelayInMills" },
  refreshIntervalUs: { type: "duration", default: 5 * MINUTE, min: 1, description: "Periodic fetch of every namespace, the fallback to the push.", source: "Apollo refreshInterval" },
  longPollFailLowerUs: { type: "duration", default: SECOND, min: 1, description: "First wait after a failed long poll; it doubles on each failure." },
  longPollFailUpperUs: { type: "duration", default: 120 * SECOND, description: "Longest wait after failed long polls; at least longPollFailLowerUs." },
  localCache: { type: "bool", default: true, description: "Keep a local cache file of each namespace and start from it when no server answers.", source: "Apollo apollo.cache.file.enable" },
} as const satisfies OptionTable;

/**
 * The release process's plain options: a publish call times out like a client's fetch (the
 * same 5 s, declared once above) and is tried again after 1 s.
 */
export const CONFIG_RELEASE_OPTIONS = {
  timeoutUs: { type: "duration", default: CONFIG_CLIENT_OPTIONS.readTimeoutUs.default, description: "Timeout of one publish call (a client's read timeout)." },
  retryIntervalUs: { type: "duration", default: SECOND, description: "Wait before publishing again after a failure." },
} as const satisfies OptionTable;

/** A config server's defaults, from its table. */
export const CONFIG_SERVER_DEFAULTS = defaultsOf(CONFIG_SERVER_OPTIONS);
/** A config client's defaults, from its table. */
export const CONFIG_CLIENT_DEFAULTS = defaultsOf(CONFIG_CLIENT_OPTIONS);

/** A config server's options: the table's, and the namespaces released at the first start. */
export type ConfigServerOptions = OptionValues<typeof CONFIG_SERVER_OPTIONS> & {
  /** The namespaces released at the first start (version 1), when the disk holds none. */
  namespaces: Record<string, ConfigItems>;
};

/** A config client's options (the Apollo client library inside an application). */
export type ConfigClientOptions = OptionValues<typeof CONFIG_CLIENT_OPTIONS> & {
  /** Config servers in the order tried; null: every process of kind config-server. */
  servers: string[] | null;
  namespaces: string[];
};

/** One scripted release: at `atUs`, `namespace` gets `items` (merged over what it has). */
export interface ScriptedRelease {
  atUs: Micros;
  namespace: string;
  items: ConfigItems;
}

/** The release process's options: the admin side of Apollo, driven by the scenario. */
export type ConfigReleaseOptions = OptionValues<typeof CONFIG_RELEASE_OPTIONS> & {
  server: string | null;
  releases: ScriptedRelease[];
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function itemsOf(v: unknown, where: string, field: string): ConfigItems {
  if (!isObj(v)) return badConfig(where, field, 'a mapping of keys to values, such as {timeout: "200"}', v);
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, itemValue(x as Json)]));
}

function addresses(v: unknown, where: string, field: string): string[] | null {
  if (v === undefined || v === null) return null;
  if (typeof v === "string" && v.includes("/")) return [v];
  if (Array.isArray(v) && v.length > 0 && v.every((a) => typeof a === "string" && a.includes("/"))) return [...(v as string[])];
  return badConfig(where, field, 'an address such as "cs/config" (or a list of them)', v);
}

/** Reads a config server's options. */
export function resolveConfigServerOptions(c: Obj, where: string): ConfigServerOptions {
  checkKeys(c, ["namespaces", ...Object.keys(CONFIG_SERVER_OPTIONS)], where);
  const ns = c.namespaces ?? { application: {} };
  if (!isObj(ns)) badConfig(where, "namespaces", "a mapping from namespace name to its items", ns);
  return {
    namespaces: Object.fromEntries(Object.entries(ns as Obj).map(([n, items]) => [n, itemsOf(items, where, `namespaces.${n}`)])),
    ...readOptions(CONFIG_SERVER_OPTIONS, c, where),
  };
}

const CLIENT_KEYS = ["servers", "namespaces", ...Object.keys(CONFIG_CLIENT_OPTIONS)];

/** Reads a config client's options. */
export function resolveConfigClientOptions(c: Obj, where: string): ConfigClientOptions {
  checkKeys(c, CLIENT_KEYS, where);
  const namespaces = c.namespaces ?? ["application"];
  if (!Array.isArray(namespaces) || namespaces.length === 0 || !namespaces.every((n) => typeof n === "string" && n !== "")) {
    badConfig(where, "namespaces", 'a non-empty list of namespace names such as ["application"]', namespaces);
  }
  const o: ConfigClientOptions = {
    ...readOptions(CONFIG_CLIENT_OPTIONS, c, where),
    servers: addresses(c.servers, where, "servers"),
    namespaces: [...(namespaces as string[])],
  };
  if (o.longPollFailUpperUs < o.longPollFailLowerUs) badConfig(where, "longPollFailUpperUs", `at least longPollFailLowerUs (${o.longPollFailLowerUs} µs)`, c.longPollFailUpperUs);
  return o;
}

/** Reads the release process's options. */
export function resolveConfigReleaseOptions(c: Obj, where: string): ConfigReleaseOptions {
  checkKeys(c, ["server", "releases", ...Object.keys(CONFIG_RELEASE_OPTIONS)], where);
  if (!Array.isArray(c.releases)) badConfig(where, "releases", "a list of {at, namespace, items}", c.releases);
  const releases = (c.releases as unknown[]).map((r, i): ScriptedRelease => {
    if (!isObj(r)) return badConfig(where, `releases[${i}]`, "a mapping {at, namespace, items}", r);
    checkKeys(r, ["at", "namespace", "items"], `${where}: releases[${i}]`);
    return {
      atUs: microsOr(r.at, 0, where, `releases[${i}].at`),
      namespace: r.namespace === undefined ? "application" : typeof r.namespace === "string" && r.namespace !== "" ? r.namespace : badConfig(where, `releases[${i}].namespace`, "a namespace name", r.namespace),
      items: itemsOf(r.items, where, `releases[${i}].items`),
    };
  });
  const server = addresses(c.server, where, "server");
  return {
    server: server === null ? null : server[0],
    releases: releases.sort((a, b) => a.atUs - b.atUs),
    ...readOptions(CONFIG_RELEASE_OPTIONS, c, where),
  };
}
