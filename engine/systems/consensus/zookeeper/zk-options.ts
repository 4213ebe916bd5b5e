import type { Micros } from "../../../core/time";
import { MS, SECOND } from "../../../core/time";
import type { OptionTable, OptionValues } from "../../../options/option-table";
import { readOptions } from "../../../options/option-table";
import { badConfig, checkKeys } from "../../../options/option-values";

/** The ZooKeeper bugs a scenario can switch on, for the bug zoo. */
export const ZK_BUGS = ["none", "ephemeral-survives-expiry", "watch-not-cleared"] as const;

/** A ZooKeeper bug's name: `ephemeral-survives-expiry` keeps an expired session's ephemerals; `watch-not-cleared` fires a watch at every change instead of once. */
export type ZkBug = (typeof ZK_BUGS)[number];

/**
 * The ZooKeeper-like server's own options, each declared once (engine/options/option-table.ts);
 * the Raft options underneath are read by raft-options.ts. tickTime is ZooKeeper's unit of time:
 * the session timeout a client asks for is clamped to [minSessionTimeout, maxSessionTimeout],
 * which default to 2 and 20 ticks (ZooKeeperServer.java), and a server that has not been in
 * touch with a quorum for syncLimit ticks drops its clients, as a follower that lost its leader
 * does (it goes LOOKING and closes its connections).
 */
export const ZK_SERVER_OPTIONS = {
  tickTimeUs: { type: "duration", default: 3 * SECOND, min: MS, description: "ZooKeeper's basic time unit; session timeouts and syncLimit are counted in ticks.", source: "ZooKeeper tickTime (ZooKeeperServer.DEFAULT_TICK_TIME 3000 ms)" },
  minSessionTimeoutUs: { type: "duration", default: null, nullable: true, description: "The shortest session timeout granted; null: 2 × tickTime.", source: "ZooKeeper minSessionTimeout" },
  maxSessionTimeoutUs: { type: "duration", default: null, nullable: true, description: "The longest session timeout granted; null: 20 × tickTime.", source: "ZooKeeper maxSessionTimeout" },
  syncLimit: { type: "int", default: 5, min: 1, description: "Ticks without contact with a quorum after which a server refuses its clients (the minority side is unavailable).", source: "ZooKeeper syncLimit (the sample zoo.cfg's 5)" },
  bug: { type: "enum", default: "none", values: ZK_BUGS, description: "Bug zoo: ephemeral-survives-expiry (session expiry leaves its ephemerals), watch-not-cleared (a watch fires more than once)." },
} as const satisfies OptionTable;

/** A ZooKeeper server's own options, read. */
export type ZkServerOptions = OptionValues<typeof ZK_SERVER_OPTIONS>;

/** Reads the ZooKeeper part of a server's config (the caller passes the rest to Raft). */
export function resolveZkServerOptions(c: Record<string, unknown>, where: string): ZkServerOptions {
  const o = readOptions(ZK_SERVER_OPTIONS, c, where);
  const lo = o.minSessionTimeoutUs ?? 2 * o.tickTimeUs;
  const hi = o.maxSessionTimeoutUs ?? 20 * o.tickTimeUs;
  if (hi < lo) badConfig(where, "maxSessionTimeoutUs", `at least minSessionTimeoutUs (${lo} us)`, c.maxSessionTimeoutUs);
  return o;
}

/**
 * The session timeout a server grants for the one a client asks for: clamped to
 * [minSessionTimeout, maxSessionTimeout], by default [2, 20] × tickTime, as
 * ZooKeeperServer.processConnectRequest does.
 */
export function negotiateSessionTimeout(requested: Micros, o: ZkServerOptions): Micros {
  const lo = o.minSessionTimeoutUs ?? 2 * o.tickTimeUs;
  const hi = o.maxSessionTimeoutUs ?? 20 * o.tickTimeUs;
  return Math.min(hi, Math.max(lo, requested));
}

/** The client recipes: what a zk-client process does with its session. */
export const ZK_RECIPES = ["kv", "member", "lock", "lock-herd"] as const;

/**
 * The ZooKeeper-like client's options, each declared once. The session timeout is what it asks
 * for (the server clamps it); like ZooKeeper's client it declares itself disconnected when no
 * answer came for two thirds of the negotiated timeout (ClientCnxn's read timeout), which is
 * when a lock holder must assume it lost the lock (Curator's SUSPENDED).
 */
export const ZK_CLIENT_OPTIONS = {
  recipe: { type: "enum", default: "kv", values: ZK_RECIPES, description: "kv: gets and sets on /k0.. recorded as an op history; member: an ephemeral znode under /members kept alive; lock: the sequential-znode lock recipe (watch the predecessor); lock-herd: the same lock watching all of /lock (the herd effect)." },
  sessionTimeoutUs: { type: "duration", default: 10 * SECOND, min: 1, description: "The session timeout asked for; the server clamps it to [2, 20] × tickTime.", source: "ZooKeeper sessionTimeout" },
  sync: { type: "bool", default: false, description: "kv: call sync before every get, so the read sees every write acknowledged before it began (ZooKeeper's sync + read)." },
  keyCount: { type: "int", default: 2, min: 1, description: "kv: znodes /k0../k<keyCount-1>." },
  getRatio: { type: "ratio", default: 0.5, description: "kv: share of gets; the rest are sets." },
  thinkUs: { type: "duration", default: 20 * MS, description: "kv: mean pause between operations (exponential); lock: pause between a release and the next attempt." },
  holdUs: { type: "duration", default: 500 * MS, description: "lock: how long the lock is held." },
  startUs: { type: "duration", default: 0, description: "When to open the session (local time)." },
  callTimeoutUs: { type: "duration", default: 500 * MS, min: 1, description: "One call's timeout." },
  home: { type: "string", default: "", description: "The server to connect to first (an address); empty: the one on the client's node, else one drawn at start." },
} as const satisfies OptionTable;

/** A ZooKeeper client's options, read. */
export type ZkClientOptions = OptionValues<typeof ZK_CLIENT_OPTIONS>;

/** Reads a zk-client's config, refusing unknown keys. */
export function resolveZkClientOptions(c: Record<string, unknown>, where: string): ZkClientOptions {
  checkKeys(c, Object.keys(ZK_CLIENT_OPTIONS), where);
  const o = readOptions(ZK_CLIENT_OPTIONS, c, where);
  if (o.home !== "" && !o.home.includes("/")) badConfig(where, "home", "a server address such as z1/zk", o.home);
  return o;
}
