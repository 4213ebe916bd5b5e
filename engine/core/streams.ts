import seedrandom from "seedrandom";
import type { Rng } from "./rng";
import type { Seed } from "../scenario";

/**
 * Makes the stream named `name` of the root seed. Each stream is its own Alea generator seeded
 * with `<root>/<name>`, so streams are independent of each other and of the order in which
 * they are made: adding a client or a fault never shifts what the others draw.
 */
export function createStream(root: Seed, name: string): Rng {
  const prng = seedrandom.alea(`${root}/${name}`);
  return new AleaRng(name, prng as () => number);
}

/** An `Rng` over a generator of floats in [0, 1). */
class AleaRng implements Rng {
  readonly name: string;
  readonly next: () => number;
  private spare: number | null = null;

  constructor(name: string, next: () => number) {
    this.name = name;
    this.next = next;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  range(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  chance(p: number): boolean {
    return p > 0 && this.next() < p;
  }

  exponential(mean: number): number {
    // 1 - u is in (0, 1], so the logarithm is finite.
    return -Math.log(1 - this.next()) * mean;
  }

  normal(mean: number, sd: number): number {
    if (this.spare !== null) {
      const z = this.spare;
      this.spare = null;
      return mean + sd * z;
    }
    const u = 1 - this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return mean + sd * r * Math.cos(2 * Math.PI * v);
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError(`rng ${this.name}: pick from an empty list`);
    return items[this.int(items.length)];
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = out[i];
      out[i] = out[j];
      out[j] = tmp;
    }
    return out;
  }
}
