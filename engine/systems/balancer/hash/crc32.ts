import { utf8 } from "./utf8";

/**
 * CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), written out here because nginx's ketama
 * ring is defined in terms of it. The split into init / update / final mirrors nginx's
 * `ngx_crc32_init`, `ngx_crc32_update` and `ngx_crc32_final`, because ketama's points are built
 * by continuing an unfinished CRC over more bytes.
 */
const TABLE: Uint32Array = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** The running value before any byte (`ngx_crc32_init`). */
export const CRC32_INIT = 0xffffffff;

/** Continues a running CRC over `bytes` (`ngx_crc32_update`). */
export function crc32Update(crc: number, bytes: Uint8Array): number {
  let c = crc >>> 0;
  for (let i = 0; i < bytes.length; i++) c = TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return c >>> 0;
}

/** Finishes a running CRC (`ngx_crc32_final`): the bitwise complement. */
export function crc32Final(crc: number): number {
  return (crc ^ 0xffffffff) >>> 0;
}

/** The CRC-32 of a string's UTF-8 bytes, or of raw bytes, as an unsigned 32-bit integer. */
export function crc32(data: string | Uint8Array): number {
  const bytes = typeof data === "string" ? utf8(data) : data;
  return crc32Final(crc32Update(CRC32_INIT, bytes));
}
