import type { JsonObject } from "../../core/json";
import { PROXY_SCHEMA } from "../proxy/proxy-config-schema";
import { closedObject, duration, int, rate } from "../../options/schema-fragments";

/** The `client` kind's config (client-options.ts); `arrival` is normally written by the loader. */
export const CLIENT_SCHEMA: JsonObject = closedObject({
  service: { type: "string", minLength: 1, description: "The service to call." },
  arrival: { type: "object", description: "Written by the loader from the workload entry (rate, burst, ramp, concurrency)." },
  rate: rate("Shorthand for Poisson arrivals when there is no arrival."),
  deadline: duration("Each call must end within this long."),
  requests: int(0, "Stop after this many requests."),
  stopAt: duration("Stop sending at this time."),
  thinkDistribution: { enum: ["constant", "exponential"], description: "Closed loop: think times constant (default) or exponential with the think mean." },
  uris: { type: "array", items: { type: "string" }, description: "URIs to request (uri-hash hashes the part before ?)." },
  uriCount: int(0, "Instead of uris: request /item/0 ... /item/(n-1)."),
  uriDistribution: { enum: ["uniform", "zipf"], description: "How URIs are drawn (default uniform; zipf favours the first)." },
  zipfExponent: { type: "number", exclusiveMinimum: 0, description: "Zipf exponent (default 1)." },
  users: int(0, "Distinct user ids (user-0...); 0 none."),
  key: { enum: ["user", "uri", "none"], description: "The balancer's hash key (default user, else uri, else none)." },
  proxy: PROXY_SCHEMA,
  body: { type: "object", description: "Fields added to every request body." },
}, "A workload client calling one service through a service proxy.", { required: ["service"] });
