import type { JsonObject } from "../../core/json";
import { bool, closedObject, duration, int, rate, ratio } from "../registry/schema-fragments";

/** The `kv-replica` kind takes no config. */
export const KV_REPLICA_SCHEMA: JsonObject = closedObject({}, "A storage replica: last-writer-wins by version, synced before it acks.");

/** The `kv-client` kind's config; `arrival`, `stopAt` and `requests` come from a workload entry. */
export const KV_CLIENT_SCHEMA: JsonObject = closedObject({
  replicas: { type: "array", minItems: 1, items: { type: "string", pattern: "^[^/]+/[^/]+$" }, description: "Replica addresses (default every kv-replica named store)." },
  store: { type: "string", description: "The replicas' process name, to pick one store among several." },
  n: int(1, "Replicas per key (Dynamo 3)."),
  r: int(1, "Answers a read waits for (Dynamo 2)."),
  w: int(1, "Acks a write waits for (Dynamo 2)."),
  readTimeoutUs: duration("Read timeout (Cassandra read_request_timeout: 5 s)."),
  writeTimeoutUs: duration("Write timeout (Cassandra write_request_timeout: 2 s)."),
  readRepair: bool("Send the newest version to replicas that answered older (default true)."),
  tokens: int(1, "Ring points per replica (default 8)."),
  arrival: { type: "object", description: "Request arrivals (set by a workload entry's rate, burst or ramp)." },
  rate: rate("Requests per second, Poisson (instead of arrival)."),
  stopAt: duration("Stop sending at this time."),
  requests: int(0, "Stop after this many requests."),
  deadline: duration("Accepted from workload entries; the quorum timeouts bound each request."),
  keyCount: int(1, "Keys k0..k<keyCount-1>, drawn uniformly (default 10)."),
  readRatio: ratio("Share of reads (default 50%)."),
}, "A Dynamo-style quorum client: N, R, W, last-writer-wins versions, read repair, and its workload.");
