import type { JsonObject } from "../../core/json";
import { bool, closedObject, duration } from "../../options/schema-fragments";

const items: JsonObject = { type: "object", additionalProperties: { type: ["string", "number", "boolean"] }, description: "Key -> value (values are kept as strings, as Apollo keeps properties)." };
const addresses = (description: string): JsonObject => ({
  anyOf: [{ type: "string", pattern: "^[^/]+/[^/]+$" }, { type: "array", minItems: 1, items: { type: "string", pattern: "^[^/]+/[^/]+$" } }],
  description,
});

/** The `config-server` kind's config. */
export const CONFIG_SERVER_SCHEMA: JsonObject = closedObject({
  namespaces: { type: "object", additionalProperties: items, description: "Namespaces released as version 1 at the first start (default {application: {}})." },
  longPollTimeoutUs: duration("How long a long poll is held before a 304 (Apollo 60 s)."),
  releaseScanIntervalUs: duration("How often releases are announced to held polls (Apollo 1 s)."),
}, "An Apollo-like config server: versioned namespaces, fetch, long-poll notifications, releases.");

/** The `config-client` kind's config. */
export const CONFIG_CLIENT_SCHEMA: JsonObject = closedObject({
  servers: addresses("Config servers to try in order (default every config-server)."),
  namespaces: { type: "array", minItems: 1, items: { type: "string" }, description: "Namespaces the application uses (default [application])." },
  connectTimeoutUs: duration("Apollo connectTimeout: 1 s."),
  readTimeoutUs: duration("Apollo readTimeout for fetches: 5 s."),
  longPollReadTimeoutUs: duration("Read timeout of a long poll: 90 s."),
  longPollInitialDelayUs: duration("Wait before the first long poll: 2 s."),
  refreshIntervalUs: duration("Periodic fetch of every namespace, the fallback to the push: 5 min."),
  longPollFailLowerUs: duration("First wait after a failed long poll: 1 s."),
  longPollFailUpperUs: duration("Longest wait after failed long polls: 120 s."),
  localCache: bool("Keep a local cache file and start from it when no server answers (default true)."),
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
  timeoutUs: duration("Timeout of one publish call (default 5 s)."),
  retryIntervalUs: duration("Wait before publishing again after a failure (default 1 s)."),
}, "Releases new config versions at scripted times (the admin portal).", { required: ["releases"] });
