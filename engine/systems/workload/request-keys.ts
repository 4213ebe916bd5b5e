import type { Rng } from "../../core/rng";

/** Where the balancer's hash key comes from. */
export type KeySource = "user" | "uri" | "none";

/** How requests are keyed: which URIs and users, drawn how. */
export interface KeyOptions {
  /** URIs to request (uri-hash hashes the part before `?`); the client may generate `/item/<k>`. */
  uris: string[];
  /** `uniform`, or `zipf` with exponent `zipfExponent` (popular URIs first in the list). */
  uriDistribution: "uniform" | "zipf";
  zipfExponent: number;
  /** Number of distinct users (`user-0`..); 0 means no user ids. */
  users: number;
  /** What the balancer's `key` is: the user id, the URI, or nothing. */
  key: KeySource;
}

/**
 * Draws each request's URI and user id from the client's own stream. A Zipf draw uses the
 * cumulative weights 1/k^s, searched by bisection, so a draw costs O(log n).
 */
export class RequestKeys {
  private readonly cdf: number[] | null;

  constructor(private readonly o: KeyOptions, private readonly rng: Rng) {
    if (o.uris.length > 0 && o.uriDistribution === "zipf") {
      let sum = 0;
      this.cdf = o.uris.map((_, k) => (sum += 1 / Math.pow(k + 1, o.zipfExponent)));
      for (let i = 0; i < this.cdf.length; i++) this.cdf[i] /= sum;
    } else {
      this.cdf = null;
    }
  }

  /** The next request's URI, user and balancer key. */
  draw(): { uri?: string; user?: string; key?: string } {
    const out: { uri?: string; user?: string; key?: string } = {};
    if (this.o.uris.length > 0) out.uri = this.o.uris[this.uriIndex()];
    if (this.o.users > 0) out.user = `user-${this.rng.int(this.o.users)}`;
    if (this.o.key === "user") out.key = out.user;
    else if (this.o.key === "uri") out.key = out.uri;
    return out;
  }

  private uriIndex(): number {
    if (!this.cdf) return this.rng.int(this.o.uris.length);
    const u = this.rng.next();
    let lo = 0, hi = this.cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cdf[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
