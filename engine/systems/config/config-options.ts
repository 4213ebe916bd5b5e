import type { Micros } from "../../core/time";
import { MINUTE, SECOND } from "../../core/time";
import type { Json } from "../../core/json";
import { badConfig, checkKeys, microsOr } from "../../options/option-values";
import type { ConfigItems } from "./config-messages";
import { itemValue } from "./config-messages";

/**
 * Apollo's config service defaults: a long poll is held 60 s (NotificationControllerV2's
 * DeferredResult timeout) and then answered 304; releases reach held polls through the release
 * message scanner, which reads the release messages once a second (apollo.message-scan.interval).
 */
export const CONFIG_SERVER_DEFAULTS = {
  longPollTimeoutUs: 60 * SECOND,
  releaseScanIntervalUs: SECOND,
};

/**
 * Apollo's client defaults (ConfigUtil, RemoteConfigLongPollService): connect timeout 1 s, read
 * timeout 5 s, long poll read timeout 90 s (longer than the server's 60 s hold), the first long
 * poll 2 s after start, a periodic refresh every 5 min as the fallback to the push, and a long
 * poll that failed waits 1 s, then 2, 4 ... up to 120 s.
 */
export const CONFIG_CLIENT_DEFAULTS = {
  connectTimeoutUs: SECOND,
  readTimeoutUs: 5 * SECOND,
  longPollReadTimeoutUs: 90 * SECOND,
  longPollInitialDelayUs: 2 * SECOND,
  refreshIntervalUs: 5 * MINUTE,
  longPollFailLowerUs: SECOND,
  longPollFailUpperUs: 120 * SECOND,
};

/** A config server's options. */
export interface ConfigServerOptions {
  /** The namespaces released at the first start (version 1), when the disk holds none. */
  namespaces: Record<string, ConfigItems>;
  longPollTimeoutUs: Micros;
  releaseScanIntervalUs: Micros;
}

/** A config client's options (the Apollo client library inside an application). */
export interface ConfigClientOptions {
  /** Config servers in the order tried; null: every process of kind config-server. */
  servers: string[] | null;
  namespaces: string[];
  connectTimeoutUs: Micros;
  readTimeoutUs: Micros;
  longPollReadTimeoutUs: Micros;
  longPollInitialDelayUs: Micros;
  refreshIntervalUs: Micros;
  longPollFailLowerUs: Micros;
  longPollFailUpperUs: Micros;
  /** Keep a local cache file of each namespace and fall back to it (apollo.cache.file.enable, default true). */
  localCache: boolean;
}

/** One scripted release: at `atUs`, `namespace` gets `items` (merged over what it has). */
export interface ScriptedRelease {
  atUs: Micros;
  namespace: string;
  items: ConfigItems;
}

/** The release process's options: the admin side of Apollo, driven by the scenario. */
export interface ConfigReleaseOptions {
  server: string | null;
  releases: ScriptedRelease[];
  /** How long one publish call may take, and how long to wait before trying it again. */
  timeoutUs: Micros;
  retryIntervalUs: Micros;
}

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
  checkKeys(c, ["namespaces", "longPollTimeoutUs", "releaseScanIntervalUs"], where);
  const ns = c.namespaces ?? { application: {} };
  if (!isObj(ns)) badConfig(where, "namespaces", "a mapping from namespace name to its items", ns);
  return {
    namespaces: Object.fromEntries(Object.entries(ns as Obj).map(([n, items]) => [n, itemsOf(items, where, `namespaces.${n}`)])),
    longPollTimeoutUs: microsOr(c.longPollTimeoutUs, CONFIG_SERVER_DEFAULTS.longPollTimeoutUs, where, "longPollTimeoutUs"),
    releaseScanIntervalUs: microsOr(c.releaseScanIntervalUs, CONFIG_SERVER_DEFAULTS.releaseScanIntervalUs, where, "releaseScanIntervalUs"),
  };
}

const CLIENT_KEYS = ["servers", "namespaces", "localCache", ...Object.keys(CONFIG_CLIENT_DEFAULTS)];

/** Reads a config client's options. */
export function resolveConfigClientOptions(c: Obj, where: string): ConfigClientOptions {
  checkKeys(c, CLIENT_KEYS, where);
  const namespaces = c.namespaces ?? ["application"];
  if (!Array.isArray(namespaces) || namespaces.length === 0 || !namespaces.every((n) => typeof n === "string" && n !== "")) {
    badConfig(where, "namespaces", 'a non-empty list of namespace names such as ["application"]', namespaces);
  }
  const t = (k: keyof typeof CONFIG_CLIENT_DEFAULTS) => microsOr(c[k], CONFIG_CLIENT_DEFAULTS[k], where, k);
  const o: ConfigClientOptions = {
    servers: addresses(c.servers, where, "servers"),
    namespaces: [...(namespaces as string[])],
    connectTimeoutUs: t("connectTimeoutUs"),
    readTimeoutUs: t("readTimeoutUs"),
    longPollReadTimeoutUs: t("longPollReadTimeoutUs"),
    longPollInitialDelayUs: t("longPollInitialDelayUs"),
    refreshIntervalUs: t("refreshIntervalUs"),
    longPollFailLowerUs: t("longPollFailLowerUs"),
    longPollFailUpperUs: t("longPollFailUpperUs"),
    localCache: c.localCache === undefined ? true : c.localCache === true || c.localCache === false ? c.localCache : badConfig(where, "localCache", "true or false", c.localCache),
  };
  for (const k of ["connectTimeoutUs", "readTimeoutUs", "longPollReadTimeoutUs", "refreshIntervalUs", "longPollFailLowerUs"] as const) {
    if (o[k] <= 0) badConfig(where, k, "a duration above zero", c[k]);
  }
  if (o.longPollFailUpperUs < o.longPollFailLowerUs) badConfig(where, "longPollFailUpperUs", `at least longPollFailLowerUs (${o.longPollFailLowerUs} µs)`, c.longPollFailUpperUs);
  return o;
}

/** Reads the release process's options. */
export function resolveConfigReleaseOptions(c: Obj, where: string): ConfigReleaseOptions {
  checkKeys(c, ["server", "releases", "timeoutUs", "retryIntervalUs"], where);
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
    timeoutUs: microsOr(c.timeoutUs, CONFIG_CLIENT_DEFAULTS.readTimeoutUs, where, "timeoutUs"),
    retryIntervalUs: microsOr(c.retryIntervalUs, SECOND, where, "retryIntervalUs"),
  };
}
