import type { Rng } from "../../core/rng";

/**
 * A small seeded `Rng` for the balancer's tests (mulberry32), so they do not depend on the
 * engine's stream implementation. Not for use in the engine itself.
 */
export function testRng(seed: number, name = "test"): Rng {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return rngFrom(name, next);
}

/**
 * An `Rng` whose `int(n)` returns the given values in order (each must be below `n`), for tests
 * that need to know exactly which instances a random strategy drew.
 */
export function scriptedRng(ints: readonly number[]): Rng {
  let i = 0;
  const rng = rngFrom("scripted", () => {
    throw new Error("scriptedRng: only int() is scripted");
  });
  return {
    ...rng,
    int(n: number): number {
      if (i >= ints.length) throw new Error(`scriptedRng: ran out of values after ${ints.length}`);
      const v = ints[i++];
      if (!(v >= 0 && v < n)) throw new Error(`scriptedRng: value ${v} is not below ${n}`);
      return v;
    },
  };
}

function rngFrom(name: string, next: () => number): Rng {
  const rng: Rng = {
    name,
    next,
    int: (n) => Math.floor(next() * n),
    range: (lo, hi) => lo + next() * (hi - lo),
    chance: (p) => next() < p,
    exponential: (mean) => -mean * Math.log(1 - next()),
    normal: (mean, sd) => mean + sd * Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
    pick: (items) => items[Math.floor(next() * items.length)],
    shuffle: (items) => {
      const out = items.slice();
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    },
  };
  return rng;
}
