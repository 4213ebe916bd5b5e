import type { JsonObject } from "../../core/json";
import { PROXY_SCHEMA } from "../proxy/proxy-config-schema";
import { closedObject, rate } from "../../options/schema-fragments";
import { optionsSchema } from "../../options/option-table";
import { CLIENT_OPTIONS } from "./client-options";

/** The `client` kind's config (client-options.ts); `arrival` is normally written by the loader. */
export const CLIENT_SCHEMA: JsonObject = closedObject({
  service: { type: "string", minLength: 1, description: "The service to call." },
  arrival: { type: "object", description: "Written by the loader from the workload entry (rate, burst, ramp, concurrency)." },
  ...optionsSchema(CLIENT_OPTIONS),
  rate: rate("Shorthand for Poisson arrivals when there is no arrival."),
  uris: { type: "array", items: { type: "string" }, description: "URIs to request (uri-hash hashes the part before ?)." },
  key: { enum: ["user", "uri", "none"], description: "The balancer's hash key (default user, else uri, else none)." },
  proxy: PROXY_SCHEMA,
  body: { type: "object", description: "Fields added to every request body." },
}, "A workload client calling one service through a service proxy.", { required: ["service"] });
