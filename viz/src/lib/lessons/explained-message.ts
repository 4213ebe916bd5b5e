import type { TraceBundle } from "../trace/trace-bundle";

/** Where the pointer of presenter mode stands: a lane and a time, on the diagram's axes. */
export interface PointerSpot {
  arrow: number;
  t: number;
  /** Fractional lane: between the sender's and the receiver's lane while the message flies. */
  lane: number;
}

/**
 * The message a teaching note explains: the first message sent at or after the note's moment
 * (a note tied to a send is at that send's time). -1 when none is.
 */
export function explainedArrow(b: TraceBundle, at: number): number {
  const a = b.arrows;
  let lo = 0, hi = a.count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a.sendT[mid] < at) lo = mid + 1;
    else hi = mid;
  }
  return lo < a.count ? lo : -1;
}

/** Where that message is at time `t`: at its sender before it leaves, on its way, at its end after. */
export function pointerAt(b: TraceBundle, arrow: number, t: number): PointerSpot {
  const a = b.arrows;
  const t0 = a.sendT[arrow], t1 = a.endT[arrow];
  const from = a.fromLane[arrow], to = a.toLane[arrow];
  if (t <= t0) return { arrow, t: t0, lane: from };
  if (t >= t1 || t1 <= t0) return { arrow, t: t1, lane: to };
  const f = (t - t0) / (t1 - t0);
  return { arrow, t, lane: from + (to - from) * f };
}
