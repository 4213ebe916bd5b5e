/**
 * The floor for the engine benchmark: the same M/M/c queue as a bare event loop, a
 * struct-of-arrays binary heap of (time, seq, kind) and nothing else — no node model, no network,
 * no trace, no allocation per event. No engine can beat it; the engine reports its ratio to it.
 * It follows ../shared/bench/mmc_bare.mjs, as a function so both run in one process.
 */
export interface MmcOutcome {
  customers: number;
  events: number;
  wallSeconds: number;
  meanWait: number;
}

export function mmcFloor(n: number, c: number, lambda: number, mu: number, seed: number, now: () => number): MmcOutcome {
  let s = seed >>> 0 || 1; // xorshift32: the cheapest deterministic stream
  const rand = () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return (s + 0.5) / 4294967296; };
  const expo = (rate: number) => -Math.log(rand()) / rate;
  let cap = 1 << 10, size = 0, seqNo = 0;
  let T = new Float64Array(cap), Q = new Float64Array(cap), K = new Uint8Array(cap);
  const push = (t: number, k: number) => {
    if (size === cap) {
      cap *= 2;
      const t2 = new Float64Array(cap), q2 = new Float64Array(cap), k2 = new Uint8Array(cap);
      t2.set(T); q2.set(Q); k2.set(K); T = t2; Q = q2; K = k2;
    }
    const q = seqNo++;
    let i = size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (T[p] < t || (T[p] === t && Q[p] < q)) break;
      T[i] = T[p]; Q[i] = Q[p]; K[i] = K[p]; i = p;
    }
    T[i] = t; Q[i] = q; K[i] = k;
  };
  const pop = () => {
    const n1 = --size;
    const t = T[n1], q = Q[n1], k = K[n1];
    let i = 0;
    for (;;) {
      let l = 2 * i + 1;
      if (l >= n1) break;
      const r = l + 1;
      if (r < n1 && (T[r] < T[l] || (T[r] === T[l] && Q[r] < Q[l]))) l = r;
      if (t < T[l] || (t === T[l] && q < Q[l])) break;
      T[i] = T[l]; Q[i] = Q[l]; K[i] = K[l]; i = l;
    }
    T[i] = t; Q[i] = q; K[i] = k;
  };
  const queue = new Float64Array(n);
  let head = 0, tail = 0, busy = 0, arrived = 0, served = 0, waitSum = 0, events = 0;
  const t0 = now();
  push(expo(lambda), 0);
  while (size > 0) {
    const at = T[0], kind = K[0];
    pop();
    events++;
    if (kind === 0) {
      arrived++;
      if (arrived < n) push(at + expo(lambda), 0);
      if (busy < c) { busy++; served++; push(at + expo(mu), 1); } else queue[tail++] = at;
    } else if (head < tail) {
      waitSum += at - queue[head++]; served++; push(at + expo(mu), 1);
    } else busy--;
  }
  return { customers: served, events, wallSeconds: (now() - t0) / 1000, meanWait: waitSum / served };
}

/** Erlang C: the mean wait in queue of M/M/c with arrival rate lambda and service rate mu. */
export function erlangCWait(c: number, lambda: number, mu: number): number {
  const a = lambda / mu;
  let sum = 0, term = 1;
  for (let k = 0; k < c; k++) { if (k > 0) term *= a / k; sum += term; }
  const last = (term * a) / c * (c / (c - a)); // a^c / c! * c / (c - a)
  const C = last / (sum + last);
  return C / (c * mu - lambda);
}
