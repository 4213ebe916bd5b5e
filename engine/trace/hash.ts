/**
 * A streaming 64-bit hash (two 32-bit multiply-rotate lanes, murmur3-style mixing) over the
 * UTF-16 code units of strings. It uses only integer arithmetic, so it gives the same digest in
 * Node, in a worker and in every browser; `node:crypto` is not available in the browser.
 * It detects differences; it is not a cryptographic hash.
 */
export class Hash64 {
  private h1 = 0x9e3779b9 | 0;
  private h2 = 0x85ebca6b | 0;
  private length = 0;

  /** Feeds a string. */
  update(text: string): this {
    let h1 = this.h1, h2 = this.h2;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0xcc9e2d51);
      h1 = (h1 << 15) | (h1 >>> 17);
      h2 = Math.imul(h2 ^ c, 0x1b873593);
      h2 = (h2 << 13) | (h2 >>> 19);
      h2 = (h2 + h1) | 0;
    }
    this.h1 = h1;
    this.h2 = h2;
    this.length += text.length;
    return this;
  }

  /** Feeds a number exactly (as its two 32-bit halves when it is not a small integer). */
  updateNumber(n: number): this {
    let h1 = this.h1, h2 = this.h2;
    const lo = n | 0;
    const hi = (n - lo) / 4294967296 | 0;
    h1 = Math.imul(h1 ^ lo, 0xcc9e2d51);
    h1 = (h1 << 15) | (h1 >>> 17);
    h2 = Math.imul(h2 ^ hi ^ (n === lo ? 0 : 0x5bd1e995), 0x1b873593);
    h2 = (h2 << 13) | (h2 >>> 19);
    h2 = (h2 + h1) | 0;
    this.h1 = h1;
    this.h2 = h2;
    this.length += 1;
    return this;
  }

  /** The digest as 16 hex digits. */
  digest(): string {
    let h1 = (this.h1 ^ this.length) | 0;
    let h2 = (this.h2 ^ this.length) | 0;
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
