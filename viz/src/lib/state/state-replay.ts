import { applyPatches, enablePatches, type Patch } from "immer";

enablePatches();

/** A process's state at some moment and the state event that made it. */
export interface StateAt {
  /** The state (immutable; shares structure with neighbouring states). */
  state: unknown;
  /** Sequence number of the last state event at or before the moment, or -1 (no state yet). */
  seq: number;
  /** That event's patches: what changed last. */
  patches: readonly Patch[];
}

/** The columns a replay reads: which events are state events, and whose. */
export interface StateColumns {
  count: number;
  kind: Uint8Array;
  lane: Int32Array;
}

/** The state before a process publishes anything. */
const EMPTY: unknown = Object.freeze({});

/**
 * Rebuilds each process's published state at any moment from the trace's immer patches. It
 * keeps a snapshot every `interval` state events of a lane, made on first need, so seeking
 * anywhere (forwards or backwards) applies at most `interval - 1` patches to a snapshot, and
 * stepping forwards from the last answer applies only the new ones. Immer's structural
 * sharing keeps the snapshots cheap.
 */
export class StateReplay {
  private seqs: Int32Array[];
  private snaps: Array<Map<number, unknown>>;
  private last: Array<{ n: number; state: unknown } | null>;
  private warmed: number[] = [];

  constructor(
    cols: StateColumns,
    laneCount: number,
    stateKind: number,
    private readonly patchesOf: (seq: number) => readonly Patch[],
    private readonly interval = 64,
  ) {
    const counts = new Int32Array(laneCount);
    for (let i = 0; i < cols.count; i++) if (cols.kind[i] === stateKind && cols.lane[i] >= 0) counts[cols.lane[i]]++;
    this.seqs = Array.from(counts, (c) => new Int32Array(c));
    const fill = new Int32Array(laneCount);
    for (let i = 0; i < cols.count; i++) {
      const l = cols.lane[i];
      if (cols.kind[i] === stateKind && l >= 0) this.seqs[l][fill[l]++] = i;
    }
    this.snaps = this.seqs.map(() => new Map([[0, EMPTY]]));
    this.last = this.seqs.map(() => null);
  }

  /**
   * Builds snapshots ahead of need for up to `budgetMs` of wall time (measured with `now`),
   * lane by lane, so that the first scrub across a long run finds them ready. Returns true
   * while there is more to build.
   */
  warm(budgetMs: number, now: () => number): boolean {
    const start = now();
    for (let lane = 0; lane < this.seqs.length; lane++) {
      const last = Math.floor(this.seqs[lane].length / this.interval);
      let k = this.warmed[lane] ?? 0;
      while (k < last) {
        k++;
        this.snapshot(lane, k);
        if (now() - start >= budgetMs) {
          this.warmed[lane] = k;
          return true;
        }
      }
      this.warmed[lane] = k;
    }
    return false;
  }

  /**
   * Every snapshot made so far, by lane, as [k, state after k * interval events] pairs: what
   * the worker sends the page, which `adopt`s them.
   */
  exportSnapshots(): Array<Array<[number, unknown]>> {
    return this.snaps.map((m) => [...m].filter(([k]) => k > 0));
  }

  /** Takes snapshots made elsewhere (by the worker, from the same trace). */
  adopt(snapshots: ReadonlyArray<ReadonlyArray<readonly [number, unknown]>>, interval: number): void {
    if (interval !== this.interval) return;
    snapshots.forEach((list, lane) => {
      const snaps = this.snaps[lane];
      if (!snaps) return;
      for (const [k, state] of list) if (!snaps.has(k)) snaps.set(k, state);
    });
  }

  /** Number of state events of a lane. */
  countOf(lane: number): number {
    return this.seqs[lane]?.length ?? 0;
  }

  /** The state events of a lane, by sequence number. */
  eventsOf(lane: number): Int32Array {
    return this.seqs[lane] ?? new Int32Array(0);
  }

  /** The lane's state after every state event with sequence number at most `seq`. */
  stateAt(lane: number, seq: number): StateAt {
    const seqs = this.seqs[lane];
    if (!seqs || seqs.length === 0) return { state: EMPTY, seq: -1, patches: [] };
    let lo = 0, hi = seqs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (seqs[mid] <= seq) lo = mid + 1;
      else hi = mid;
    }
    const n = lo;
    const state = this.stateAfter(lane, n);
    return n === 0 ? { state, seq: -1, patches: [] } : { state, seq: seqs[n - 1], patches: this.patchesOf(seqs[n - 1]) };
  }

  /** The state after the first `n` state events of a lane. */
  stateAfter(lane: number, n: number): unknown {
    const last = this.last[lane];
    const k = Math.floor(n / this.interval);
    let from: number, state: unknown;
    if (last && last.n <= n && n - last.n < this.interval) {
      from = last.n;
      state = last.state;
    } else {
      state = this.snapshot(lane, k);
      from = k * this.interval;
    }
    state = this.apply(lane, state, from, n);
    this.last[lane] = { n, state };
    return state;
  }

  /** The state after `k * interval` events, made from the nearest earlier snapshot. */
  private snapshot(lane: number, k: number): unknown {
    const snaps = this.snaps[lane];
    const have = snaps.get(k);
    if (have !== undefined) return have;
    let j = k - 1;
    while (j > 0 && !snaps.has(j)) j--;
    let state = snaps.get(j);
    for (let m = j + 1; m <= k; m++) {
      state = this.apply(lane, state, (m - 1) * this.interval, m * this.interval);
      snaps.set(m, state);
    }
    return state;
  }

  private apply(lane: number, state: unknown, from: number, to: number): unknown {
    const seqs = this.seqs[lane];
    for (let i = from; i < to; i++) {
      try {
        state = applyPatches(state as object, this.patchesOf(seqs[i]) as Patch[]);
      } catch {
        // A patch that does not apply (a hand-edited trace) leaves the state as it was; the
        // state panel shows the event's patches, so the user still sees what it said.
      }
    }
    return state;
  }
}
