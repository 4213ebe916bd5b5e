import { ActiveCounts } from "../active-counts";
import { buildServerMap, lookupServerMap, runningCount } from "../haproxy-map";
import { sdbm } from "../hash/sdbm";
import { utf8 } from "../hash/utf8";
import { memberKey, MembershipCache } from "../membership-cache";
import type { OptionTable } from "../../../options/option-table";
import { defaultsOf } from "../../../options/option-table";
import { readStrategyOptions } from "../options";
import type { Instance, Outcome, PickRequest, Strategy } from "../strategy";

/** Options of HAProxy's `balance uri`. */
export interface UriHashOptions {
  /** HAProxy `whole`: hash the query string too instead of stopping at `?`. */
  whole: boolean;
  /** HAProxy `len`: hash at most this many bytes; 0 means no limit. */
  len: number;
  /** HAProxy `depth`: hash at most this many directory levels (slashes); 0 means no limit. */
  depth: number;
}

/** The options, declared once: HAProxy's defaults, stop at `?`, no length or depth limit. */
export const URI_HASH_OPTIONS = {
  whole: { type: "bool", default: false, description: "Hash the query string too instead of stopping at `?`.", source: "HAProxy balance uri whole" },
  len: { type: "int", default: 0, min: 0, description: "Hash at most this many bytes; 0: no limit.", source: "HAProxy balance uri len" },
  depth: { type: "int", default: 0, min: 0, description: "Hash at most this many directory levels (slashes); 0: no limit.", source: "HAProxy balance uri depth" },
} as const satisfies OptionTable;

/** The defaults, from the table. */
export const URI_HASH_DEFAULTS: UriHashOptions = defaultsOf(URI_HASH_OPTIONS);

/**
 * The hash HAProxy computes for a URI (`get_server_uh`): sdbm over the bytes up to the first
 * `?` (unless `whole`), the first `len` bytes, and before the slash that starts level
 * `depth + 1`.
 */
export function uriHash(uri: string, opts: UriHashOptions): number {
  let bytes = utf8(uri);
  if (opts.len > 0 && bytes.length > opts.len) bytes = bytes.subarray(0, opts.len);
  let end = 0;
  let slashes = 0;
  for (; end < bytes.length; end++) {
    const c = bytes[end];
    if (c === 0x2f /* / */) {
      slashes++;
      if (opts.depth > 0 && slashes === opts.depth + 1) break;
    } else if (c === 0x3f /* ? */ && !opts.whole) {
      break;
    }
  }
  return sdbm(bytes.subarray(0, end));
}

/**
 * HAProxy `balance uri` with the default `hash-type map-based`: the URI's hash, modulo the
 * total weight of the running servers, indexes the server map. Any change in the running set
 * changes that modulus, so most URIs move: the price of map-based hashing that `ketama` and
 * `maglev` avoid. With one running server HAProxy does not hash at all.
 */
export function createUriHash(options?: Partial<UriHashOptions>): Strategy {
  const opts = readStrategyOptions("uri-hash", options, URI_HASH_OPTIONS);
  const active = new ActiveCounts();
  const cache = new MembershipCache(memberKey, (list) => ({ map: buildServerMap(list), running: runningCount(list) }));
  return {
    name: "uri-hash",
    pick(instances: readonly Instance[], req: PickRequest): Instance | undefined {
      const { map, running } = cache.get(instances);
      const hash = running <= 1 ? 0 : uriHash(req.uri ?? "", opts);
      return lookupServerMap(map, instances, hash, active, req);
    },
    onStart(id: string): void {
      active.start(id);
    },
    onEnd(id: string, _outcome: Outcome): void {
      active.end(id);
    },
  };
}
