import type { JsonObject } from "../../core/json";
import { closedObject, duration } from "../../options/schema-fragments";
import { optionsSchema } from "../../options/option-table";
import { CONFIG_CLIENT_OPTIONS, CONFIG_RELEASE_OPTIONS, CONFIG_SERVER_OPTIONS } from "./config-options";

const items: JsonObject = { type: "object", additionalProperties: { type: ["string", "number", "boolean"] }, description: "Key -> value (values are kept as strings, as Apollo keeps properties)." };
const addresses = (description: string): JsonObject => ({
  anyOf: [{ type: "string", pattern: "^[^/]+/[^/]+$" }, { type: "array", minItems: 1, items: { type: "string", pattern: "^[^/]+/[^/]+$" } }],
  description,
});

/** The `config-server` kind's config. */
export const CONFIG_SERVER_SCHEMA: JsonObject = closedObject({
  namespaces: { type: "object", additionalProperties: items, description: "Namespaces released as version 1 at the first start (default {application: {}})." },
  ...optionsSchema(CONFIG_SERVER_OPTIONS),
}, "An Apollo-like config server: versioned namespaces, fetch, long-poll notifications, releases.");

/** The `config-client` kind's config. */
export const CONFIG_CLIENT_SCHEMA: JsonObject = closedObject({
  servers: addresses("Config servers to try in order (default every config-server)."),
  namespaces: { type: "array", minItems: 1, items: { type: "string" }, description: "Namespaces the application uses (default [application])." },
  ...optionsSchema(CONFIG_CLIENT_OPTIONS),
}, "The Apollo client inside an application: fetch, long poll, local cache fallback.");

/** The `config-release` kind's config. */
export const CONFIG_RELEASE_SCHEMA: JsonObject = closedObject({
  server: addresses("The config server (default the first config-server)."),
  releases: {
    type: "array",
    items: closedObject({
      at: duration("When to release."),
      namespace: { type: "string", description: "Default application." },
      items,
    }, "One release: the keys it sets.", { required: ["at", "items"] }),
    description: "The releases, in time order.",
  },
  ...optionsSchema(CONFIG_RELEASE_OPTIONS),
}, "Releases new config versions at scripted times (the admin portal).", { required: ["releases"] });
