import type { Micros } from "../../core/time";
import { SECOND } from "../../core/time";
import { badConfig, checkKeys, microsOr, toBool, toInt, toRate, toRatio } from "../registry/config-values";
import type { ArrivalConfig } from "../workload/arrivals";
import { arrivalOf } from "../workload/arrivals";

/**
 * Defaults: Dynamo's usual (N, R, W) = (3, 2, 2) ("the common configuration used by several
 * instances of Dynamo", DeCandia et al. 2007, §6), and Cassandra's coordinator timeouts
 * (read_request_timeout 5000 ms, write_request_timeout 2000 ms). Read repair is on, as in Dynamo.
 */
export const STORE_DEFAULTS = {
  n: 3,
  r: 2,
  w: 2,
  readTimeoutUs: 5 * SECOND,
  writeTimeoutUs: 2 * SECOND,
  readRepair: true,
  tokens: 8,
  keyCount: 10,
  readRatio: 0.5,
};

/** A store client's options: the quorum it coordinates, and the workload it runs. */
export interface StoreClientOptions {
  /** Replica addresses; null: every kv-replica process named `store` (or every kv-replica). */
  replicas: string[] | null;
  /** The replicas' process name, to pick one store among several on the same nodes. */
  store: string | null;
  n: number;
  r: number;
  w: number;
  readTimeoutUs: Micros;
  writeTimeoutUs: Micros;
  readRepair: boolean;
  tokens: number;
  arrival: Exclude<ArrivalConfig, { pattern: "closed" }>;
  stopAtUs: Micros | null;
  requests: number | null;
  /** Keys `k0` ... `k<keyCount-1>`, drawn uniformly. */
  keyCount: number;
  readRatio: number;
}

const KEYS = ["replicas", "store", "n", "r", "w", "readTimeoutUs", "writeTimeoutUs", "readRepair", "tokens", "arrival", "rate", "stopAt", "requests", "deadline", "keyCount", "readRatio"];

/** Reads a store client's config. */
export function resolveStoreClientOptions(c: Record<string, unknown>, where: string): StoreClientOptions {
  checkKeys(c, KEYS, where);
  const d = STORE_DEFAULTS;
  const arrival = arrivalOf(c, where, (v, f) => toRate(v, where, f));
  if (arrival.pattern === "closed") badConfig(where, "arrival", "an open pattern (rate, bursts or ramp)", arrival);
  let replicas: string[] | null = null;
  if (c.replicas !== undefined && c.replicas !== null) {
    if (!Array.isArray(c.replicas) || c.replicas.length === 0 || !c.replicas.every((a) => typeof a === "string" && a.includes("/"))) badConfig(where, "replicas", 'a list of addresses such as ["r1/kv", "r2/kv"]', c.replicas);
    replicas = [...(c.replicas as string[])];
  }
  const o: StoreClientOptions = {
    replicas,
    store: c.store === undefined ? null : typeof c.store === "string" && c.store !== "" ? c.store : badConfig(where, "store", "the replicas' process name", c.store),
    n: c.n === undefined ? d.n : toInt(c.n, 1, where, "n"),
    r: c.r === undefined ? d.r : toInt(c.r, 1, where, "r"),
    w: c.w === undefined ? d.w : toInt(c.w, 1, where, "w"),
    readTimeoutUs: microsOr(c.readTimeoutUs, d.readTimeoutUs, where, "readTimeoutUs"),
    writeTimeoutUs: microsOr(c.writeTimeoutUs, d.writeTimeoutUs, where, "writeTimeoutUs"),
    readRepair: c.readRepair === undefined ? d.readRepair : toBool(c.readRepair, where, "readRepair"),
    tokens: c.tokens === undefined ? d.tokens : toInt(c.tokens, 1, where, "tokens"),
    arrival: arrival as StoreClientOptions["arrival"],
    stopAtUs: c.stopAt === undefined || c.stopAt === null ? null : microsOr(c.stopAt, 0, where, "stopAt"),
    requests: c.requests === undefined || c.requests === null ? null : toInt(c.requests, 0, where, "requests"),
    keyCount: c.keyCount === undefined ? d.keyCount : toInt(c.keyCount, 1, where, "keyCount"),
    readRatio: c.readRatio === undefined ? d.readRatio : toRatio(c.readRatio, where, "readRatio"),
  };
  if (o.r > o.n) badConfig(where, "r", `at most n (${o.n}): a read cannot wait for more replicas than hold the key`, o.r);
  if (o.w > o.n) badConfig(where, "w", `at most n (${o.n}): a write cannot wait for more replicas than hold the key`, o.w);
  if (o.readTimeoutUs <= 0 || o.writeTimeoutUs <= 0) badConfig(where, "readTimeoutUs/writeTimeoutUs", "durations above zero", [c.readTimeoutUs, c.writeTimeoutUs]);
  return o;
}
