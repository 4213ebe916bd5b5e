import type { JsonObject } from "../../core/json";
import { REGISTRY_CLIENT_PROFILE_NAMES, REGISTRY_PROFILES } from "./registry-profiles";
import { closedObject } from "../../options/schema-fragments";
import { optionsSchema } from "../../options/option-table";
import { REGISTRY_SERVER_OPTIONS } from "./server-options";
import { REGISTRY_CLIENT_OPTIONS } from "./client-options";

const profile: JsonObject = { enum: Object.keys(REGISTRY_PROFILES), description: "A registry profile: eureka (default), nacos-ephemeral, consul. The options below override it." };

/** The `registry` kind's config: the server options (server-options.ts) and `profile`. */
export const REGISTRY_SERVER_SCHEMA: JsonObject = closedObject({
  profile,
  ...optionsSchema(REGISTRY_SERVER_OPTIONS),
  peers: { type: ["array", "null"], items: { type: "string", pattern: "^[^/]+/[^/]+$" }, description: "Registry servers to replicate to; default every other process of kind registry." },
}, "A registry server (Eureka-, Nacos- or Consul-like), AP: asynchronous replication to its peers.");

const clientProfile: JsonObject = { enum: REGISTRY_CLIENT_PROFILE_NAMES, description: "A registry profile: eureka (default), nacos-ephemeral, consul (AP, servers of kind registry); etcd, zookeeper, consul-catalog, nacos-persistent (CP, on the consensus family's Raft). The options below override it." };

/** A registry client's config (the `registry` block of backends, clients and proxies). */
export const REGISTRY_CLIENT_SCHEMA: JsonObject = closedObject({
  profile: clientProfile,
  servers: { type: ["array", "null"], items: { type: "string", pattern: "^[^/]+/[^/]+$" }, description: "Registry servers; default every process of kind registry, own zone first." },
  ...optionsSchema(REGISTRY_CLIENT_OPTIONS),
}, "Registry client options: a profile and overrides.");
