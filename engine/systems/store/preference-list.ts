/**
 * FNV-1a over the string, then MurmurHash3's 32-bit finaliser (fmix32): stable in every runtime,
 * and well spread even for keys that differ only in their last character, which plain FNV-1a
 * leaves clustered on the ring.
 */
export function ringHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Dynamo's preference list: every replica owns `tokens` points on a hash ring; a key is stored
 * by the first `n` distinct replicas met walking clockwise from the key's hash. With as many
 * replicas as `n`, every key lives on all of them. Lists are cached per key.
 */
export class PreferenceList {
  private readonly ring: Array<{ point: number; replica: string }>;
  private readonly cache = new Map<string, string[]>();

  constructor(private readonly replicas: readonly string[], private readonly n: number, tokens = 8) {
    if (!(Number.isInteger(n) && n >= 1 && n <= replicas.length)) {
      throw new Error(`preference list: N must be a whole number from 1 to the number of replicas (${replicas.length}), got ${n}`);
    }
    this.ring = replicas.flatMap((replica) => Array.from({ length: tokens }, (_, i) => ({ point: ringHash(`${replica}#${i}`), replica })))
      .sort((a, b) => a.point - b.point || (a.replica < b.replica ? -1 : 1));
  }

  /** The `n` replicas of `key`, the coordinator's first choice first. */
  of(key: string): string[] {
    const hit = this.cache.get(key);
    if (hit) return hit;
    const h = ringHash(key);
    let i = this.ring.findIndex((p) => p.point >= h);
    if (i < 0) i = 0;
    const out: string[] = [];
    for (let k = 0; out.length < this.n && k < this.ring.length; k++) {
      const r = this.ring[(i + k) % this.ring.length].replica;
      if (!out.includes(r)) out.push(r);
    }
    this.cache.set(key, out);
    return out;
  }
}
