import type { Micros } from "./time";
import { assert } from "./assert";

/**
 * The event queue: a binary heap ordered by (time, sequence number), so that events at the same
 * virtual time run first in, first out. Times and sequence numbers live in typed arrays and the
 * payloads in a parallel array, so a push or a pop allocates nothing once the arrays have grown.
 * Two invariants hold, checked on every call: nothing is pushed before the time of the last pop
 * (virtual time never goes back, and NaN is refused), and nothing is popped from an empty queue.
 */
export class EventQueue<T> {
  private times: Float64Array;
  private seqs: Float64Array;
  // A packed array grown by push: setting `.length` on a holey array would turn it into a
  // dictionary-mode array, many times slower to index.
  private items: (T | undefined)[] = [];
  private count = 0;
  private nextSeq = 0;
  /** The time of the last pop: the present, before which nothing may be scheduled. */
  private floor: Micros = 0;

  constructor(initialCapacity = 1024) {
    this.times = new Float64Array(initialCapacity);
    this.seqs = new Float64Array(initialCapacity);
  }

  /** Number of queued events. */
  get size(): number {
    return this.count;
  }

  /** Sequence numbers handed out so far. */
  get scheduled(): number {
    return this.nextSeq;
  }

  /** Time of the earliest event; Infinity when empty. */
  peekTime(): Micros {
    return this.count > 0 ? this.times[0] : Infinity;
  }

  /** Adds an item at `time`; returns its sequence number. */
  push(time: Micros, item: T): number {
    if (!(time >= this.floor)) assert(false, () => `event queue: push at ${time}, before the present ${this.floor}`);
    if (this.count === this.times.length) this.grow();
    const seq = this.nextSeq++;
    const times = this.times, seqs = this.seqs, items = this.items;
    let i = this.count++;
    if (i >= items.length) items.push(undefined);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = times[p];
      if (pt < time || (pt === time && seqs[p] < seq)) break;
      times[i] = pt;
      seqs[i] = seqs[p];
      items[i] = items[p];
      i = p;
    }
    times[i] = time;
    seqs[i] = seq;
    items[i] = item;
    return seq;
  }

  /** Removes and returns the earliest item; its time is `peekTime()` before the call. */
  pop(): T {
    assert(this.count > 0, "event queue: pop of an empty queue");
    const times = this.times, seqs = this.seqs, items = this.items;
    const top = items[0] as T;
    this.floor = times[0];
    const n = --this.count;
    const t = times[n], q = seqs[n], it = items[n];
    items[n] = undefined;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      const r = c + 1;
      if (r < n && (times[r] < times[c] || (times[r] === times[c] && seqs[r] < seqs[c]))) c = r;
      const ct = times[c];
      if (t < ct || (t === ct && q < seqs[c])) break;
      times[i] = ct;
      seqs[i] = seqs[c];
      items[i] = items[c];
      i = c;
    }
    if (n > 0) {
      times[i] = t;
      seqs[i] = q;
      items[i] = it;
    }
    return top;
  }

  private grow(): void {
    const cap = this.times.length * 2;
    const times = new Float64Array(cap), seqs = new Float64Array(cap);
    times.set(this.times);
    seqs.set(this.seqs);
    this.times = times;
    this.seqs = seqs;
  }
}
