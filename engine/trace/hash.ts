/**
 * A streaming 64-bit hash over the UTF-8 bytes of strings: two 32-bit lanes of murmur3-style
 * multiply-rotate mixing, four bytes at a time. It uses only TextEncoder and integer arithmetic,
 * so it gives the same digest in Node, in workers and in every browser (`node:crypto` does not
 * exist in browsers). It detects differences; it is not a cryptographic hash.
 */
const encoder = new TextEncoder();

export class Hash64 {
  private h1 = 0x9e3779b9 | 0;
  private h2 = 0x85ebca6b | 0;
  private length = 0;
  private buf = new Uint8Array(1 << 16);
  // Words are read in the platform's order, little-endian on every platform Node and browsers run on.
  private words = new Int32Array(this.buf.buffer);
  /** Bytes carried over from the last update (fewer than four). */
  private carry = 0;
  private carried = 0;

  /** Feeds a string (as UTF-8). */
  update(text: string): this {
    if (text.length * 3 + 4 > this.buf.length) {
      let size = this.buf.length;
      while (size < text.length * 3 + 4) size *= 2;
      this.buf = new Uint8Array(size);
      this.words = new Int32Array(this.buf.buffer);
    }
    const buf = this.buf;
    // Put the carried bytes first so that words never straddle two updates.
    let start = 0;
    for (let i = 0; i < this.carried; i++) buf[start++] = (this.carry >>> (8 * i)) & 255;
    const n = start + encoder.encodeInto(text, buf.subarray(start)).written!;
    const whole = n >>> 2;
    const words = this.words;
    let h1 = this.h1, h2 = this.h2;
    for (let i = 0; i < whole; i++) {
      const w = words[i];
      h1 = Math.imul(h1 ^ w, 0xcc9e2d51);
      h1 = (h1 << 15) | (h1 >>> 17);
      h2 = Math.imul(h2 ^ w, 0x1b873593);
      h2 = (h2 << 13) | (h2 >>> 19);
      h2 = (h2 + h1) | 0;
    }
    this.h1 = h1;
    this.h2 = h2;
    this.carried = n & 3;
    this.carry = 0;
    for (let i = 0; i < this.carried; i++) this.carry |= buf[(whole << 2) + i] << (8 * i);
    this.length += n - start;
    return this;
  }

  /**
   * Feeds bytes `[0, n)` of `bytes`: the same digest as feeding the text they encode. The caller
   * may reuse the array afterwards (the trace's byte stream does, for every flush).
   */
  updateBytes(bytes: Uint8Array, n: number): this {
    let h1 = this.h1, h2 = this.h2;
    let i = 0;
    let carry = this.carry, carried = this.carried;
    // Complete the word that the last update left open.
    while (carried > 0 && carried < 4 && i < n) carry |= bytes[i++] << (8 * carried++);
    if (carried === 4) {
      h1 = Math.imul(h1 ^ carry, 0xcc9e2d51);
      h1 = (h1 << 15) | (h1 >>> 17);
      h2 = Math.imul(h2 ^ carry, 0x1b873593);
      h2 = (h2 << 13) | (h2 >>> 19);
      h2 = (h2 + h1) | 0;
      carry = 0;
      carried = 0;
    }
    const last = n - 3;
    for (; i < last; i += 4) {
      const w = bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24);
      h1 = Math.imul(h1 ^ w, 0xcc9e2d51);
      h1 = (h1 << 15) | (h1 >>> 17);
      h2 = Math.imul(h2 ^ w, 0x1b873593);
      h2 = (h2 << 13) | (h2 >>> 19);
      h2 = (h2 + h1) | 0;
    }
    for (; i < n; i++) carry |= bytes[i] << (8 * carried++);
    this.h1 = h1;
    this.h2 = h2;
    this.carry = carry;
    this.carried = carried;
    this.length += n;
    return this;
  }

  /** The digest as 16 hex digits. */
  digest(): string {
    let h1 = this.h1, h2 = this.h2;
    if (this.carried > 0) {
      h1 = Math.imul(h1 ^ this.carry, 0xcc9e2d51);
      h2 = (Math.imul(h2 ^ this.carry, 0x1b873593) + h1) | 0;
    }
    h1 = (h1 ^ this.length) | 0;
    h2 = (h2 ^ this.length) | 0;
    h1 = fmix(h1 + h2);
    h2 = fmix(h2 + h1);
    return hex(h1) + hex(h2);
  }
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

function hex(n: number): string {
  return (n >>> 0).toString(16).padStart(8, "0");
}

/** The 64-bit hash of one string. */
export function hashString(text: string): string {
  return new Hash64().update(text).digest();
}
