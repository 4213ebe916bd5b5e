import type { Json } from "../../core/json";
import type { Version } from "./version";

/** The replica's request types. */
export const KV_MSG = { get: "kv.get", put: "kv.put" } as const;

/** The process kind of storage replicas. */
export const KV_REPLICA_KIND = "kv-replica";

/** What a replica holds for a key (both null when it holds nothing). */
export interface Stored {
  value: Json | null;
  version: Version | null;
}

/** A put: applied only when its version is newer than the replica's (last writer wins). */
export interface PutRequest {
  key: string;
  value: Json;
  version: Version;
}

/** A get. */
export interface GetRequest {
  key: string;
}
