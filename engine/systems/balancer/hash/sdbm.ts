import { utf8 } from "./utf8";

/**
 * HAProxy's default hash function for `balance uri` and friends (`hash_sdbm` in src/hash.c):
 * `hash = c + (hash << 6) + (hash << 16) - hash` over the bytes, in unsigned 32-bit arithmetic.
 * HAProxy reads the bytes through a plain `char`, which is signed on x86, so bytes above 127
 * count as negative; we do the same so non-ASCII URIs hash as they would there.
 */
export function sdbm(data: string | Uint8Array): number {
  const bytes = typeof data === "string" ? utf8(data) : data;
  let hash = 0;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i] > 127 ? bytes[i] - 256 : bytes[i];
    hash = (c + (hash << 6) + (hash << 16) - hash) >>> 0;
  }
  return hash;
}
