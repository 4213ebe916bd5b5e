import type { Micros } from "../../core/time";
import { MS, SECOND } from "../../core/time";
import type { Json } from "../../core/json";
import { badConfig, checkKeys, microsOr } from "../../options/option-values";
import type { OptionTable, OptionValues } from "../../options/option-table";
import { readOptions } from "../../options/option-table";
import { itemValue } from "../config/config-messages";
import type { ConfigItems } from "../config/config-messages";

/**
 * The Spring Cloud Config client's options, each declared once, with Spring's names and
 * defaults (ConfigClientProperties, RetryProperties of spring-cloud-config-client; the bus's
 * connection is RabbitMQ's). Without `failFast` a client that cannot reach the server starts on
 * its local configuration and only logs a warning; with it, the application fails to start,
 * unless `retry` (spring-retry on the classpath) makes it try `retryMaxAttempts` times first,
 * waiting 1000 ms, then ×1.1 each time, at most 2000 ms.
 */
export const SPRING_CONFIG_CLIENT_OPTIONS = {
  application: { type: "string", default: "", description: "The application name the client asks for; empty: the process name.", source: "spring.application.name" },
  profile: { type: "string", default: "default", description: "The profile it asks for.", source: "spring.profiles.active / spring.cloud.config.profile" },
  label: { type: "string", default: "main", description: "The repository label (branch, tag or commit) it asks for.", source: "spring.cloud.config.label (server default-label main)" },
  failFast: { type: "bool", default: false, description: "Fail to start when the config server cannot be reached, instead of starting on local configuration.", source: "spring.cloud.config.fail-fast" },
  retry: { type: "bool", default: false, description: "Retry the first fetch (spring-retry and spring-boot-starter-aop on the classpath); only with failFast, as in Spring.", source: "spring-retry on the classpath" },
  retryInitialIntervalUs: { type: "duration", default: 1000 * MS, min: 1, description: "Wait before the second attempt.", source: "spring.cloud.config.retry.initial-interval" },
  retryMultiplier: { type: "number", default: 1.1, min: 1, description: "Each wait is this many times the one before.", source: "spring.cloud.config.retry.multiplier" },
  retryMaxIntervalUs: { type: "duration", default: 2000 * MS, min: 1, description: "Longest wait between attempts.", source: "spring.cloud.config.retry.max-interval" },
  retryMaxAttempts: { type: "int", default: 6, min: 1, description: "Attempts in all, the first included.", source: "spring.cloud.config.retry.max-attempts" },
  requestConnectTimeoutUs: { type: "duration", default: 10 * SECOND, min: 1, description: "Connect timeout of a fetch.", source: "spring.cloud.config.request-connect-timeout" },
  requestReadTimeoutUs: { type: "duration", default: 185 * SECOND, min: 1, description: "Read timeout of a fetch.", source: "spring.cloud.config.request-read-timeout" },
  bus: { type: "bool", default: true, description: "Join the bus: subscribe to refresh events through the broker.", source: "spring.cloud.bus.enabled" },
  busHeartbeatUs: { type: "duration", default: 60 * SECOND, min: 1, description: "The broker connection's heartbeat timeout; heartbeats go every half of it.", source: "RabbitMQ requested heartbeat (spring.rabbitmq.requested-heartbeat)" },
} as const satisfies OptionTable;

/** A Spring Cloud Config client's options: the table's, its servers, broker and local configuration. */
export type SpringConfigClientOptions = OptionValues<typeof SPRING_CONFIG_CLIENT_OPTIONS> & {
  /** Config servers tried in order (spring.cloud.config.uri may list several); null: every spring-config-server. */
  servers: string[] | null;
  /** The bus broker; null: the first spring-bus-broker. */
  broker: string | null;
  /** The application's own application.yml, used when the server cannot be reached and failFast is off. */
  localItems: ConfigItems;
};

/** One scripted commit to the server's repository. */
export interface ScriptedCommit {
  atUs: Micros;
  label: string;
  items: ConfigItems;
}

/** The config server's options, declared once. */
export const SPRING_CONFIG_SERVER_OPTIONS = {
  listenAtUs: { type: "duration", default: 0, description: "When the server starts answering: before it the host is up but the port is closed (the JVM still starting), so connections are refused at once." },
  defaultLabel: { type: "string", default: "main", description: "The label served when a client names none.", source: "spring.cloud.config.server.git.default-label" },
} as const satisfies OptionTable;

/** A config server's options: the table's, and its repository's history. */
export type SpringConfigServerOptions = OptionValues<typeof SPRING_CONFIG_SERVER_OPTIONS> & {
  /** The repository at start: label → items (commit 1 of each label). */
  repository: Record<string, ConfigItems>;
  /** Commits made later, in time order (`git push` to the backing repository). */
  commits: ScriptedCommit[];
};

/** The bus broker's options, declared once. */
export const SPRING_BUS_BROKER_OPTIONS = {
  heartbeatUs: { type: "duration", default: 60 * SECOND, min: 1, description: "A connection silent this long is closed and its auto-delete queue deleted with what it held.", source: "RabbitMQ heartbeat timeout" },
  redeliverUs: { type: "duration", default: SECOND, min: 1, description: "Wait before delivering an unacknowledged message again on a live connection." },
} as const satisfies OptionTable;

/** The bus broker's options. */
export type SpringBusBrokerOptions = OptionValues<typeof SPRING_BUS_BROKER_OPTIONS>;

/** One scripted `POST /actuator/busrefresh`. */
export interface ScriptedBusRefresh {
  atUs: Micros;
  /** The instance whose endpoint is called. */
  target: string;
  /** The destination pattern (`app:**`); null refreshes every instance. */
  destination: string | null;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function itemsOf(v: unknown, where: string, field: string): ConfigItems {
  if (v === undefined) return {};
  if (!isObj(v)) return badConfig(where, field, 'a mapping of keys to values, such as {timeout: "200ms"}', v);
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, itemValue(x as Json)]));
}

function address(v: unknown, where: string, field: string): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === "string" && v.includes("/")) return v;
  return badConfig(where, field, 'an address such as "cs/config"', v);
}

/** Reads a Spring Cloud Config client's config. */
export function resolveSpringConfigClientOptions(c: Obj, where: string): SpringConfigClientOptions {
  checkKeys(c, [...Object.keys(SPRING_CONFIG_CLIENT_OPTIONS), "servers", "broker", "localItems"], where);
  const servers = c.servers === undefined || c.servers === null ? null : (Array.isArray(c.servers) ? c.servers : [c.servers]).map((s, i) => address(s, where, `servers[${i}]`)!);
  return { ...readOptions(SPRING_CONFIG_CLIENT_OPTIONS, c, where), servers, broker: address(c.broker, where, "broker"), localItems: itemsOf(c.localItems, where, "localItems") };
}

/** Reads a config server's config. */
export function resolveSpringConfigServerOptions(c: Obj, where: string): SpringConfigServerOptions {
  checkKeys(c, [...Object.keys(SPRING_CONFIG_SERVER_OPTIONS), "repository", "commits"], where);
  const o = readOptions(SPRING_CONFIG_SERVER_OPTIONS, c, where);
  const repo = c.repository ?? { [o.defaultLabel]: {} };
  if (!isObj(repo)) badConfig(where, "repository", "a mapping from label to its items, such as {main: {timeout: 500ms}}", repo);
  const commits = (c.commits === undefined ? [] : Array.isArray(c.commits) ? c.commits : badConfig(where, "commits", "a list of {at, label, items}", c.commits)).map((x: unknown, i: number): ScriptedCommit => {
    if (!isObj(x)) return badConfig(where, `commits[${i}]`, "a mapping {at, label, items}", x);
    checkKeys(x, ["at", "label", "items"], `${where}: commits[${i}]`);
    const label = x.label ?? o.defaultLabel;
    if (typeof label !== "string" || label === "") badConfig(where, `commits[${i}].label`, "a label such as main", label);
    return { atUs: microsOr(x.at, 0, where, `commits[${i}].at`), label: label as string, items: itemsOf(x.items, where, `commits[${i}].items`) };
  });
  return { ...o, repository: Object.fromEntries(Object.entries(repo as Obj).map(([l, items]) => [l, itemsOf(items, where, `repository.${l}`)])), commits: commits.sort((a, b) => a.atUs - b.atUs) };
}

/** Reads the bus broker's config. */
export function resolveSpringBusBrokerOptions(c: Obj, where: string): SpringBusBrokerOptions {
  checkKeys(c, Object.keys(SPRING_BUS_BROKER_OPTIONS), where);
  return readOptions(SPRING_BUS_BROKER_OPTIONS, c, where);
}

/** Reads the operator's scripted bus refreshes. */
export function resolveBusRefreshes(c: Obj, where: string): ScriptedBusRefresh[] {
  checkKeys(c, ["refreshes"], where);
  if (!Array.isArray(c.refreshes)) return badConfig(where, "refreshes", "a list of {at, target, destination?}", c.refreshes);
  return (c.refreshes as unknown[]).map((r, i): ScriptedBusRefresh => {
    if (!isObj(r)) return badConfig(where, `refreshes[${i}]`, "a mapping {at, target, destination?}", r);
    checkKeys(r, ["at", "target", "destination"], `${where}: refreshes[${i}]`);
    const destination = r.destination === undefined || r.destination === null ? null : typeof r.destination === "string" ? r.destination : badConfig(where, `refreshes[${i}].destination`, 'a destination such as "app:**"', r.destination);
    return { atUs: microsOr(r.at, 0, where, `refreshes[${i}].at`), target: address(r.target, where, `refreshes[${i}].target`) ?? badConfig(where, `refreshes[${i}].target`, "the instance whose /actuator/busrefresh is called", r.target), destination };
  }).sort((a, b) => a.atUs - b.atUs);
}
