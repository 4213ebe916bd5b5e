import type { Micros } from "../../core/time";
import { SECOND } from "../../core/time";
import { badConfig, checkKeys, microsOr, toInt, toRate } from "../../options/option-values";
import type { OptionTable, OptionValues } from "../../options/option-table";
import { defaultsOf, readOptions } from "../../options/option-table";
import type { ArrivalConfig } from "../workload/arrivals";
import { arrivalOf } from "../workload/arrivals";

/**
 * The quorum client's plain options, each declared once (engine/options/option-table.ts):
 * the reader below, the kind's JSON Schema and the table in docs/options.md come from here.
 * Dynamo's usual (N, R, W) = (3, 2, 2) ("the common configuration used by several instances of
 * Dynamo", DeCandia et al. 2007, §6), Cassandra's coordinator timeouts, and read repair on, as in
 * Dynamo.
 */
export const STORE_CLIENT_OPTIONS = {
  n: { type: "int", default: 3, min: 1, description: "Replicas per key.", source: "Dynamo N" },
  r: { type: "int", default: 2, min: 1, description: "Answers a read waits for; at most n.", source: "Dynamo R" },
  w: { type: "int", default: 2, min: 1, description: "Acks a write waits for; at most n.", source: "Dynamo W" },
  readTimeoutUs: { type: "duration", default: 5 * SECOND, min: 1, description: "How long a read waits for R answers.", source: "Cassandra read_request_timeout" },
  writeTimeoutUs: { type: "duration", default: 2 * SECOND, min: 1, description: "How long a write waits for W acks.", source: "Cassandra write_request_timeout" },
  readRepair: { type: "bool", default: true, description: "Send the newest version to replicas that answered an older one.", source: "Dynamo read repair" },
  tokens: { type: "int", default: 8, min: 1, description: "Ring points per replica.", source: "Dynamo virtual nodes" },
  keyCount: { type: "int", default: 10, min: 1, description: "Keys k0..k<keyCount-1>, drawn uniformly." },
  readRatio: { type: "ratio", default: 0.5, description: "Share of requests that are reads." },
} as const satisfies OptionTable;

/** The defaults, from the table. */
export const STORE_DEFAULTS = defaultsOf(STORE_CLIENT_OPTIONS);

/** A store client's options: the table's (the quorum it coordinates), where its replicas are, and the workload it runs. */
export type StoreClientOptions = OptionValues<typeof STORE_CLIENT_OPTIONS> & {
  /** Replica addresses; null: every kv-replica process named `store` (or every kv-replica). */
  replicas: string[] | null;
  /** The replicas' process name, to pick one store among several on the same nodes. */
  store: string | null;
  arrival: Exclude<ArrivalConfig, { pattern: "closed" }>;
  stopAtUs: Micros | null;
  requests: number | null;
};

// Besides the table: where the replicas are, and the keys a workload entry passes through.
const KEYS = [...Object.keys(STORE_CLIENT_OPTIONS), "replicas", "store", "arrival", "rate", "stopAt", "requests", "deadline"];

/** Reads a store client's config. */
export function resolveStoreClientOptions(c: Record<string, unknown>, where: string): StoreClientOptions {
  checkKeys(c, KEYS, where);
  const arrival = arrivalOf(c, where, (v, f) => toRate(v, where, f));
  if (arrival.pattern === "closed") badConfig(where, "arrival", "an open pattern (rate, bursts or ramp)", arrival);
  let replicas: string[] | null = null;
  if (c.replicas !== undefined && c.replicas !== null) {
    if (!Array.isArray(c.replicas) || c.replicas.length === 0 || !c.replicas.every((a) => typeof a === "string" && a.includes("/"))) badConfig(where, "replicas", 'a list of addresses such as ["r1/kv", "r2/kv"]', c.replicas);
    replicas = [...(c.replicas as string[])];
  }
  const o: StoreClientOptions = {
    ...readOptions(STORE_CLIENT_OPTIONS, c, where),
    replicas,
    store: c.store === undefined ? null : typeof c.store === "string" && c.store !== "" ? c.store : badConfig(where, "store", "the replicas' process name", c.store),
    arrival: arrival as StoreClientOptions["arrival"],
    stopAtUs: c.stopAt === undefined || c.stopAt === null ? null : microsOr(c.stopAt, 0, where, "stopAt"),
    requests: c.requests === undefined || c.requests === null ? null : toInt(c.requests, 0, where, "requests"),
  };
  if (o.r > o.n) badConfig(where, "r", `at most n (${o.n}): a read cannot wait for more replicas than hold the key`, o.r);
  if (o.w > o.n) badConfig(where, "w", `at most n (${o.n}): a write cannot wait for more replicas than hold the key`, o.w);
  return o;
}
