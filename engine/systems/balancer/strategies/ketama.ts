import { ActiveCounts } from "../active-counts";
import { crc32, crc32Final, crc32Update, CRC32_INIT } from "../hash/crc32";
import { utf8 } from "../hash/utf8";
import { HASH_KEY_SOURCES, hashKeyOf, type HashKeySource } from "../hash-key";
import { configKey, MembershipCache } from "../membership-cache";
import type { OptionTable } from "../../../options/option-table";
import { defaultsOf } from "../../../options/option-table";
import { readStrategyOptions } from "../options";
import type { Instance, Outcome, PickRequest, Strategy } from "../strategy";
import { isUsable } from "../usable";

/** Options of nginx's `hash $key consistent`. */
export interface KetamaOptions {
  /** What to hash: the request's `key` (nginx `hash $var`), its `uri`, or its `source-ip`. */
  key: HashKeySource;
}

/** The options, declared once: hash the explicit request key by default. */
export const KETAMA_OPTIONS = {
  key: { type: "enum", default: "key", values: HASH_KEY_SOURCES, description: "What to hash: the request's key, its uri, or its source-ip.", source: "nginx hash $var consistent" },
} as const satisfies OptionTable;

/** The defaults, from the table. */
export const KETAMA_DEFAULTS: KetamaOptions = defaultsOf(KETAMA_OPTIONS);

/** nginx places 160 points per unit of weight (`peer->weight * 160`). */
export const POINTS_PER_WEIGHT = 160;

/** A ketama ring: sorted point hashes and, for each, the index of its member in the list. */
export interface KetamaRing {
  readonly hashes: Uint32Array;
  readonly owners: Int32Array;
}

/**
 * nginx splits a server name into host and port (`ngx_http_upstream_init_chash`): `unix:` paths
 * have no port; otherwise a trailing `:digits` is the port. Our addresses (`node/process`) have
 * no port, so the whole address is the host.
 */
export function splitServer(server: string): { host: string; port: string } {
  if (server.length >= 5 && server.slice(0, 5).toLowerCase() === "unix:") return { host: server.slice(5), port: "" };
  for (let j = server.length - 1; j >= 0; j--) {
    const c = server[j];
    if (c === ":") return { host: server.slice(0, j), port: server.slice(j + 1) };
    if (c < "0" || c > "9") break;
  }
  return { host: server, port: "" };
}

/**
 * The points of one server, exactly as nginx derives them (compatible with
 * Cache::Memcached::Fast): `base` is the unfinished CRC-32 of `host`, a NUL byte, and `port`.
 * Point j is the finished CRC-32 of `base` continued over the four bytes of point j-1 in
 * little-endian order (four zero bytes for the first point). A server gets 160 x weight points.
 */
export function serverPoints(server: string, weight: number): number[] {
  const { host, port } = splitServer(server);
  let base = crc32Update(CRC32_INIT, utf8(host));
  base = crc32Update(base, new Uint8Array([0]));
  base = crc32Update(base, utf8(port));
  const prev = new Uint8Array(4);
  const out: number[] = [];
  for (let j = 0; j < weight * POINTS_PER_WEIGHT; j++) {
    const hash = crc32Final(crc32Update(base, prev));
    out.push(hash);
    prev[0] = hash & 0xff;
    prev[1] = (hash >>> 8) & 0xff;
    prev[2] = (hash >>> 16) & 0xff;
    prev[3] = (hash >>> 24) & 0xff;
  }
  return out;
}

/**
 * Builds the ring over every configured member (down ones too: nginx builds it from the
 * configuration and skips down peers at lookup). Points are sorted by hash; of equal hashes
 * only the first is kept, as nginx does after its sort (list order decides which, where
 * nginx's unstable qsort leaves it open).
 */
export function buildKetamaRing(list: readonly Instance[]): KetamaRing {
  const points: { hash: number; owner: number }[] = [];
  list.forEach((inst, i) => {
    for (const hash of serverPoints(inst.address, Math.max(0, inst.weight))) points.push({ hash, owner: i });
  });
  points.sort((a, b) => a.hash - b.hash || a.owner - b.owner);
  const hashes: number[] = [];
  const owners: number[] = [];
  for (const p of points) {
    if (hashes.length > 0 && hashes[hashes.length - 1] === p.hash) continue;
    hashes.push(p.hash);
    owners.push(p.owner);
  }
  return { hashes: Uint32Array.from(hashes), owners: Int32Array.from(owners) };
}

/** The index of the first point whose hash is >= `hash` (may be `length`: wrap to 0). */
export function findPoint(hashes: Uint32Array, hash: number): number {
  let i = 0;
  let j = hashes.length;
  while (i < j) {
    const k = (i + j) >>> 1;
    if (hash > hashes[k]) i = k + 1;
    else if (hash < hashes[k]) j = k;
    else return k;
  }
  return i;
}

/**
 * A consistent-hash ring as nginx `hash $key consistent` (ketama) builds it: CRC-32 of the key,
 * then the first point clockwise at or after it. If that point's server is down, tried or full,
 * the next point is tried, for at most as many steps as there are points. Removing a server
 * therefore moves only the keys that were on its points, about 1/n of them.
 */
export function createKetama(options?: Partial<KetamaOptions>): Strategy {
  const opts = readStrategyOptions("ketama", options, KETAMA_OPTIONS);
  const active = new ActiveCounts();
  const cache = new MembershipCache(configKey, buildKetamaRing);
  return {
    name: "ketama",
    pick(instances: readonly Instance[], req: PickRequest): Instance | undefined {
      const { hashes, owners } = cache.get(instances);
      const n = hashes.length;
      if (n === 0) return undefined;
      const start = findPoint(hashes, crc32(hashKeyOf(req, opts.key)));
      for (let tries = 0; tries < n; tries++) {
        const inst = instances[owners[(start + tries) % n]];
        if (isUsable(inst, active, req)) return inst;
      }
      return undefined;
    },
    onStart(id: string): void {
      active.start(id);
    },
    onEnd(id: string, _outcome: Outcome): void {
      active.end(id);
    },
  };
}
