/** One shared encoder: it holds no state between calls, so sharing it across runs is safe. */
const encoder = new TextEncoder();

/** The UTF-8 bytes of `s`: what C code hashing a `char *` would see. */
export function utf8(s: string): Uint8Array {
  return encoder.encode(s);
}
