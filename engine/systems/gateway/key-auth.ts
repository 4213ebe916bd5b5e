import type { KeyAuthOptions } from "./gateway-options";

/** What key-auth decided about a request. */
export type AuthResult =
  | { ok: true; consumer: string }
  /** Kong's two refusals, both 401 since Kong 1.x: no key at all, or a key it does not know. */
  | { ok: false; reason: "missing" | "invalid"; message: string };

/**
 * Kong's messages for the two refusals. Kong 3.x words the second one "Unauthorized"; the status,
 * 401, is the same in every version since 1.0.
 */
export const KEY_AUTH_MESSAGES = {
  missing: "No API key found in request",
  invalid: "Invalid authentication credentials",
} as const;

/**
 * Kong's key-auth plugin: look for a key under each of `keyNames`, first among the request's
 * headers, then among its fields (Kong's query string and body), and map it to a consumer. No key
 * is a 401 "No API key found in request"; an unknown key is a 401 "Invalid authentication
 * credentials". It runs before anything else that touches the upstream (Kong's key-auth has
 * priority 1250, rate limiting 910, and proxying comes after every access-phase plugin).
 */
export class KeyAuth {
  constructor(private readonly o: KeyAuthOptions) {}

  /** Authenticates one request body. */
  check(request: Record<string, unknown>): AuthResult {
    const headers = typeof request.headers === "object" && request.headers !== null ? (request.headers as Record<string, unknown>) : {};
    let key: string | undefined;
    for (const name of this.o.keyNames) {
      const v = headers[name] ?? request[name];
      if (typeof v === "string" && v !== "") {
        key = v;
        break;
      }
    }
    if (key === undefined) return { ok: false, reason: "missing", message: KEY_AUTH_MESSAGES.missing };
    const consumer = Object.prototype.hasOwnProperty.call(this.o.keys, key) ? this.o.keys[key] : undefined;
    if (consumer === undefined) return { ok: false, reason: "invalid", message: KEY_AUTH_MESSAGES.invalid };
    return { ok: true, consumer };
  }
}
