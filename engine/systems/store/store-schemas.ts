import type { JsonObject } from "../../core/json";
import { closedObject, duration, int, rate } from "../../options/schema-fragments";
import { optionsSchema } from "../../options/option-table";
import { STORE_CLIENT_OPTIONS } from "./store-options";

/** The `kv-replica` kind takes no config. */
export const KV_REPLICA_SCHEMA: JsonObject = closedObject({}, "A storage replica: last-writer-wins by version, synced before it acks.");

/** The `kv-client` kind's config: its options table, then `replicas`, `store` and the keys a workload entry passes (`arrival`, `stopAt`, `requests`). */
export const KV_CLIENT_SCHEMA: JsonObject = closedObject({
  ...optionsSchema(STORE_CLIENT_OPTIONS),
  replicas: { type: "array", minItems: 1, items: { type: "string", pattern: "^[^/]+/[^/]+$" }, description: "Replica addresses (default every kv-replica named store)." },
  store: { type: "string", description: "The replicas' process name, to pick one store among several." },
  arrival: { type: "object", description: "Request arrivals (set by a workload entry's rate, burst or ramp)." },
  rate: rate("Requests per second, Poisson (instead of arrival)."),
  stopAt: duration("Stop sending at this time."),
  requests: int(0, "Stop after this many requests."),
  deadline: duration("Accepted from workload entries; the quorum timeouts bound each request."),
}, "A Dynamo-style quorum client: N, R, W, last-writer-wins versions, read repair, and its workload.");
