import seedrandom from "seedrandom";
import type { Rng } from "./rng";
import type { Seed } from "./seed";

/**
 * The random streams of one run. Each stream is Alea (seedrandom's `alea`), seeded by seedrandom
 * with `<root>/<name>`, so streams are independent of each other and of the order in which they
 * are made: adding a client or a fault never shifts what the others draw. The generators' states
 * live side by side in one typed array (four numbers a stream) rather than in a closure each, so
 * a draw touches one cache line: with 10,000 nodes that is most of the cost of a draw. A test
 * holds the draws equal to seedrandom's own.
 */
export class StreamBank {
  private state = new Float64Array(4 * 64);
  private count = 0;

  constructor(readonly root: Seed) {}

  /** The stream named `name`. */
  stream(name: string): Rng {
    const st = (seedrandom.alea(`${this.root}/${name}`, { state: true }) as unknown as { state(): AleaState }).state();
    if (4 * (this.count + 1) > this.state.length) {
      const next = new Float64Array(this.state.length * 2);
      next.set(this.state);
      this.state = next;
    }
    const o = 4 * this.count++;
    this.state[o] = st.s0;
    this.state[o + 1] = st.s1;
    this.state[o + 2] = st.s2;
    this.state[o + 3] = st.c;
    return new AleaRng(name, this, o);
  }

  /** One Alea step of the stream at offset `o`, exactly as seedrandom computes it. */
  next(o: number): number {
    const s = this.state;
    const t = 2091639 * s[o] + s[o + 3] * 2.3283064365386963e-10; // 2^-32
    s[o] = s[o + 1];
    s[o + 1] = s[o + 2];
    const c = t | 0;
    s[o + 3] = c;
    return (s[o + 2] = t - c);
  }
}

interface AleaState {
  s0: number;
  s1: number;
  s2: number;
  c: number;
}

/** Makes one stream of a root seed on its own (tests, tools); a run makes its streams in a bank. */
export function createStream(root: Seed, name: string): Rng {
  return new StreamBank(root).stream(name);
}

/** An `Rng` over one stream of a bank. */
class AleaRng implements Rng {
  private spare: number | null = null;

  constructor(readonly name: string, private readonly bank: StreamBank, private readonly offset: number) {}

  next(): number {
    return this.bank.next(this.offset);
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
