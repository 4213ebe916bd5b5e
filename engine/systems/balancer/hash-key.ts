import type { PickRequest } from "./strategy";

/** Which part of a request a key-hashing strategy (ketama, maglev) hashes: nginx's `hash $var`. */
export type HashKeySource = "key" | "uri" | "source-ip";

/** The valid `HashKeySource` values, for option checks and error messages. */
export const HASH_KEY_SOURCES: readonly HashKeySource[] = ["key", "uri", "source-ip"];

/**
 * The string to hash for `req`. A missing value hashes as the empty string, as an empty nginx
 * variable does, so every keyless request lands on the same instance: that is what the real
 * system does, and a scenario that forgets its keys should show it.
 */
export function hashKeyOf(req: PickRequest, from: HashKeySource): string {
  switch (from) {
    case "key":
      return req.key ?? "";
    case "uri":
      return req.uri ?? "";
    case "source-ip":
      return req.sourceIp ?? "";
  }
}
