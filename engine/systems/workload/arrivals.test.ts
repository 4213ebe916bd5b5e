import { describe, expect, it } from "vitest";
import { SECOND } from "../../core/time";
import { createStream } from "../../core/streams";
import { OpenArrivals } from "./arrivals";
import { RequestKeys } from "./request-keys";

const rng = (seed = 1) => createStream(seed, "arrivals-test");

/** Arrival times from `OpenArrivals` until `until`. */
function times(a: ConstructorParameters<typeof OpenArrivals>[0], until: number, seed = 1): number[] {
  const arr = new OpenArrivals(a, rng(seed), 0);
  const out: number[] = [];
  let t = 0;
  for (;;) {
    const next = arr.next(t);
    if (!next) break;
    t += next.delay;
    if (t > until) break;
    for (let i = 0; i < next.count; i++) out.push(t);
  }
  return out;
}

describe("open-loop arrivals", () => {
  it("arrivals: constant is exactly 1/rate apart", () => {
    const t = times({ pattern: "constant", ratePerSecond: 4 }, 2 * SECOND);
    expect(t).toEqual([250_000, 500_000, 750_000, 1_000_000, 1_250_000, 1_500_000, 1_750_000, 2_000_000]);
  });

  it("arrivals: Poisson has the right count and exponential gaps (mean and coefficient of variation near 1)", () => {
    const t = times({ pattern: "poisson", ratePerSecond: 100 }, 1000 * SECOND);
    // 100,000 expected; the count's standard deviation is sqrt(100,000) = 316.
    expect(Math.abs(t.length - 100_000)).toBeLessThan(4 * 316);
    const gaps = t.slice(1).map((x, i) => x - t[i]);
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    const sd = Math.sqrt(gaps.reduce((a, b) => a + (b - mean) ** 2, 0) / gaps.length);
    expect(Math.abs(sd / mean - 1)).toBeLessThan(0.02);
  });

  it("arrivals: bursts bring `size` requests at once every `every`", () => {
    expect(times({ pattern: "bursts", size: 3, every: SECOND }, 2 * SECOND)).toEqual([SECOND, SECOND, SECOND, 2 * SECOND, 2 * SECOND, 2 * SECOND]);
  });

  it("arrivals: a ramp from 0 to 200/s over 100 s then flat has rate t/100*200 by thinning: 10,000 in the ramp, 20,000 in the next 100 s", () => {
    const t = times({ pattern: "ramp", fromPerSecond: 0, toPerSecond: 200, over: 100 * SECOND }, 200 * SECOND);
    const inRamp = t.filter((x) => x <= 100 * SECOND).length;
    const after = t.length - inRamp;
    expect(Math.abs(inRamp - 10_000)).toBeLessThan(4 * 100);
    expect(Math.abs(after - 20_000)).toBeLessThan(4 * 142);
    // The first half of the ramp carries a quarter of its arrivals (the rate grows linearly).
    const firstHalf = t.filter((x) => x <= 50 * SECOND).length;
    expect(Math.abs(firstHalf / inRamp - 0.25)).toBeLessThan(0.02);
  });
});

describe("request keys", () => {
  it("keys: Zipf with exponent 1 over 10 URIs gives the first 1/H(10) of the draws, the tenth a tenth of that", () => {
    const k = new RequestKeys({ uris: Array.from({ length: 10 }, (_, i) => `/u${i}`), uriDistribution: "zipf", zipfExponent: 1, users: 0, key: "uri" }, rng());
    const counts = new Map<string, number>();
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const d = k.draw();
      expect(d.key).toBe(d.uri);
      counts.set(d.uri!, (counts.get(d.uri!) ?? 0) + 1);
    }
    const h10 = Array.from({ length: 10 }, (_, i) => 1 / (i + 1)).reduce((a, b) => a + b, 0);
    expect(counts.get("/u0")! / n).toBeCloseTo(1 / h10, 2);
    expect(counts.get("/u9")! / n).toBeCloseTo(1 / (10 * h10), 2);
  });

  it("keys: users are drawn uniformly and become the key by default", () => {
    const k = new RequestKeys({ uris: [], uriDistribution: "uniform", zipfExponent: 1, users: 4, key: "user" }, rng());
    const seen = new Set<string>();
    for (let i = 0; i < 100; i++) {
      const d = k.draw();
      expect(d.key).toBe(d.user);
      seen.add(d.user!);
    }
    expect([...seen].sort()).toEqual(["user-0", "user-1", "user-2", "user-3"]);
  });
});
