/** One entry of an EDF schedule. */
interface EdfEntry {
  deadline: number;
  order: number;
}

/**
 * Envoy's earliest-deadline-first scheduler (source/common/upstream/edf_scheduler.h), over slots
 * 0..n-1. An entry added with weight w at the current time t gets deadline t + 1/w; picking
 * takes the earliest deadline (the earliest added on ties), moves the clock to it, and the
 * caller adds the slot back with its weight as of now. Envoy recomputes only the picked host's
 * weight on the way back in, so the others keep the weight they had when last added; that
 * staleness is part of the real behaviour and is kept.
 */
export class EdfSchedule {
  private readonly entries: (EdfEntry | undefined)[];
  private now = 0;
  private order = 0;

  /** A schedule of `n` slots, each added at time 0 with `weightOf(slot)`. */
  constructor(n: number, weightOf: (slot: number) => number) {
    this.entries = new Array<EdfEntry | undefined>(n);
    for (let s = 0; s < n; s++) this.add(s, weightOf(s));
  }

  /**
   * Picks the slot with the earliest deadline among those for which `eligible` holds and
   * advances the clock to its deadline, or returns -1. The slot must then be `add`ed back.
   */
  pick(eligible: (slot: number) => boolean): number {
    let best = -1;
    let bestEntry: EdfEntry | undefined;
    for (let s = 0; s < this.entries.length; s++) {
      const e = this.entries[s];
      if (e === undefined || !eligible(s)) continue;
      if (bestEntry === undefined || e.deadline < bestEntry.deadline || (e.deadline === bestEntry.deadline && e.order < bestEntry.order)) {
        best = s;
        bestEntry = e;
      }
    }
    if (bestEntry !== undefined) this.now = bestEntry.deadline;
    return best;
  }

  /** (Re)adds `slot` with `weight` at the current time; a weight of 0 leaves it out. */
  add(slot: number, weight: number): void {
    this.entries[slot] = weight > 0 ? { deadline: this.now + 1 / weight, order: this.order++ } : undefined;
  }
}
