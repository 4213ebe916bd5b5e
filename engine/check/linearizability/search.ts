import type { Operation } from "./operation";
import { ILLEGAL, type RegisterMachine } from "./register-machine";

/** How one partition's search ended. */
export interface SearchResult {
  verdict: "linearizable" | "not-linearizable" | "unknown";
  /** Loop iterations spent (the budget's unit). */
  steps: number;
  /** The most completed operations any partial order linearized. */
  deepest: number;
  /** For a linearizable partition: one order that fits (operation indices within the partition). */
  order: number[] | null;
}

/** Called each time the search gives up on a configuration because operation `op` had to complete there with the register in `state`. */
export type StuckObserver = (op: number, state: number) => void;

/**
 * The memo's memory budget, in bytes (estimated: each entry's bitset plus about 64 bytes of
 * object and map overhead). A search that would remember more answers `unknown`: on histories
 * the search cannot cut down (many concurrent appends on one key, where every order is a new
 * state) the memo, not the step budget, is what runs out first, and running out must be an
 * answer, not a crash of the process (measured: 50 clients appending to 10 keys passed 4 GB of
 * heap before 10M steps, most of it the states: every order of appends is a new string).
 */
export const DEFAULT_MEMO_BYTES = 1024 * 1024 * 1024;

/** Bytes an entry costs besides its bitset: its state and two hashes, and two slots of the table. */
const MEMO_ENTRY_OVERHEAD = 20;

/**
 * Wing & Gong's search with Lowe's memoization, as Porcupine does it: the calls and returns of
 * one partition form a list in real-time order; the search walks it, linearizes a call whose
 * step is legal and whose (set of linearized operations, state) it has not seen yet, lifts the
 * call and its return out of the list, and starts again from the head; reaching a return means
 * that operation cannot wait any longer, so it backtracks. The set is a bitset with a 64-bit
 * Zobrist hash kept up to date by XOR, and the memo compares the whole bitset on a hash hit, so
 * a collision never prunes a configuration wrongly. Pending operations have no return entry:
 * they may be linearized any time after their call, or never. Each loop iteration is one step;
 * past `budget` steps the answer is `unknown`, and so it is when `interrupt` (asked every 2^20
 * steps: the CLI's wall-clock limit; the engine never reads a clock) says to stop, and when the
 * memo would pass `memoBytes`.
 */
export function searchLinearization(ops: readonly Operation[], machine: RegisterMachine, start: number, budget: number, onStuck?: StuckObserver, interrupt?: () => boolean, memoBytes = DEFAULT_MEMO_BYTES): SearchResult {
  const n = ops.length;
  // Entries 0..n-1 are calls, n..2n-1 returns; HEAD is the list's sentinel.
  const HEAD = 2 * n;
  const next = new Int32Array(2 * n + 1).fill(-1);
  const prev = new Int32Array(2 * n + 1).fill(-1);
  const events: number[] = [];
  for (let i = 0; i < n; i++) { events.push(i); if (!ops[i].pending) events.push(n + i); }
  const at = (e: number) => (e < n ? ops[e].call : ops[e - n].ret);
  events.sort((a, b) => at(a) - at(b) || a - b);
  let last = HEAD;
  for (const e of events) { next[last] = e; prev[e] = last; last = e; }
  let returnsLeft = events.length - n;

  const words = (n + 31) >>> 5;
  const bits = new Uint32Array(words);
  const z1 = new Int32Array(n), z2 = new Int32Array(n);
  let seed = 0x2545f491;
  const rand = () => { seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5; return seed | 0; };
  for (let i = 0; i < n; i++) { z1[i] = rand(); z2[i] = rand(); }
  let h1 = 0, h2 = 0;
  // The memo: entries in flat arrays (an arena of bitsets, their states, both hashes) found
  // through an open-addressing table by the first hash: a few bytes of overhead an entry instead
  // of an object, an array and a map slot each, which is what lets a large search fit in memory.
  const entryBytes = MEMO_ENTRY_OVERHEAD + 4 * words;
  let capacity = 1024;
  let arena = new Uint32Array(capacity * words);
  let memoState = new Int32Array(capacity), memoH1 = new Int32Array(capacity), memoH2 = new Int32Array(capacity);
  let table = new Int32Array(capacity * 2).fill(-1), mask = capacity * 2 - 1;
  let entries = 0;
  const slot = (key: number): number => Math.imul(key, 0x85ebca6b) >>> 0 & mask;
  /** Adds the current bitset with `op` set and `state` to the memo; false if it was there. */
  const remember = (op: number, state: number): boolean => {
    const a = h1 ^ z1[op], b = h2 ^ z2[op];
    const key = (a ^ Math.imul(state + 1, 0x9e3779b1)) | 0;
    const w = op >>> 5, m = 1 << (op & 31);
    bits[w] |= m;
    let i = slot(key);
    for (let c = table[i]; c >= 0; i = (i + 1) & mask, c = table[i]) {
      if (memoH1[c] !== key || memoState[c] !== state || memoH2[c] !== b) continue;
      let same = true;
      for (let j = 0, o = c * words; j < words; j++) if (arena[o + j] !== bits[j]) { same = false; break; }
      if (same) { bits[w] &= ~m; return false; }
    }
    if (entries === capacity) {
      capacity *= 2;
      const grown = new Uint32Array(capacity * words); grown.set(arena); arena = grown;
      const s2 = new Int32Array(capacity); s2.set(memoState); memoState = s2;
      const k1 = new Int32Array(capacity); k1.set(memoH1); memoH1 = k1;
      const k2 = new Int32Array(capacity); k2.set(memoH2); memoH2 = k2;
      table = new Int32Array(capacity * 2).fill(-1); mask = capacity * 2 - 1;
      for (let e = 0; e < entries; e++) { let j = slot(memoH1[e]); while (table[j] >= 0) j = (j + 1) & mask; table[j] = e; }
      i = slot(key);
      while (table[i] >= 0) i = (i + 1) & mask;
    }
    arena.set(bits, entries * words);
    memoState[entries] = state; memoH1[entries] = key; memoH2[entries] = b;
    table[i] = entries++;
    bits[w] &= ~m;
    return true;
  };

  const stackCall = new Int32Array(n), stackState = new Int32Array(n);
  let depth = 0, completed = 0, deepest = 0;
  let state = start;
  let entry = next[HEAD];
  let steps = 0;
  while (returnsLeft > 0) {
    if (++steps > budget || entries * entryBytes + machine.bytes > memoBytes || ((steps & 0xfffff) === 0 && interrupt?.())) return { verdict: "unknown", steps, deepest, order: null };
    if (entry < n) {
      const after = machine.step(state, entry);
      if (after !== ILLEGAL && remember(entry, after)) {
        stackCall[depth] = entry; stackState[depth] = state; depth++;
        bits[entry >>> 5] |= 1 << (entry & 31); h1 ^= z1[entry]; h2 ^= z2[entry];
        state = after;
        // Lift the call and its return out of the list.
        next[prev[entry]] = next[entry]; if (next[entry] >= 0) prev[next[entry]] = prev[entry];
        if (!ops[entry].pending) {
          const r = n + entry;
          next[prev[r]] = next[r]; if (next[r] >= 0) prev[next[r]] = prev[r];
          returnsLeft--; completed++;
          if (completed > deepest) deepest = completed;
        }
        entry = next[HEAD];
      } else entry = next[entry];
      continue;
    }
    // A return: its operation must have taken effect by now, and no order tried lets it.
    onStuck?.(entry - n, state);
    if (depth === 0) return { verdict: "not-linearizable", steps, deepest, order: null };
    depth--;
    const call = stackCall[depth];
    state = stackState[depth];
    bits[call >>> 5] &= ~(1 << (call & 31)); h1 ^= z1[call]; h2 ^= z2[call];
    // Put the return back first, then the call: the reverse of lifting them.
    if (!ops[call].pending) {
      const r = n + call;
      next[prev[r]] = r; if (next[r] >= 0) prev[next[r]] = r;
      returnsLeft++; completed--;
    }
    next[prev[call]] = call; if (next[call] >= 0) prev[next[call]] = call;
    entry = next[call];
  }
  return { verdict: "linearizable", steps, deepest, order: Array.from(stackCall.subarray(0, depth)) };
}
