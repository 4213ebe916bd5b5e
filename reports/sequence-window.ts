import type { TraceEvent } from "../engine/trace/trace-event";
import { isFaultEvent } from "./fault-label";

/**
 * Chooses at most `max` of a diagram's drawable `items` (in trace order) to tell the story of a
 * violation whose evidence lies between positions `first` and `last`, and returns their positions
 * in order.
 *
 * When the evidence span fits, a contiguous window around it is drawn, three quarters of the
 * spare room before it, since causes come before effects. When it does not fit (a decision made
 * at 5s and reversed at 7s, thousands of events apart), the evidence is drawn with every fault
 * inside the span and the few events just before each piece of evidence. Either way a quarter of
 * the room is kept for the latest faults before the evidence, however far back they are: the
 * partition that dropped the COMMIT, the crash that lost the log.
 */
export function chooseSequenceEvents(items: readonly TraceEvent[], evidence: ReadonlySet<number>, first: number, last: number, max: number): number[] {
  const priorFaults: number[] = [];
  for (let p = 0; p < first; p++) if (isFaultEvent(items[p])) priorFaults.push(p);
  const reserve = max >= 4 ? Math.min(priorFaults.length, Math.floor(max / 4)) : 0;
  let pinned = priorFaults.slice(priorFaults.length - reserve);
  const pick = (room: number): number[] => (last - first + 1 <= room ? contiguous(items.length, first, last, room) : spread(items, evidence, first, last, room));
  let picked = pick(max - pinned.length);
  // A pinned fault that the selection reaches anyway gives its slot back; a few rounds settle it.
  for (let round = 0; round < 4; round++) {
    const inside = new Set(picked);
    const outside = pinned.filter((p) => !inside.has(p));
    if (outside.length === pinned.length) break;
    pinned = outside;
    picked = pick(max - pinned.length);
  }
  return [...new Set([...pinned, ...picked])].sort((a, b) => a - b);
}

/** Positions of a window of `room` items around `first..last`. */
function contiguous(length: number, first: number, last: number, room: number): number[] {
  const budget = room - (last - first + 1);
  let before = Math.min(first, Math.ceil(budget * 0.75));
  const after = Math.min(length - 1 - last, budget - before);
  before = Math.min(first, budget - after);
  const out: number[] = [];
  for (let p = first - before; p <= last + after; p++) out.push(p);
  return out;
}

/** Positions of the evidence, the faults between, and the events just before each piece of evidence. */
function spread(items: readonly TraceEvent[], evidence: ReadonlySet<number>, first: number, last: number, room: number): number[] {
  const chosen = new Set<number>();
  const anchors: number[] = [];
  for (let p = first; p <= last && chosen.size < room; p++) {
    if (evidence.has(items[p].seq)) { chosen.add(p); anchors.push(p); }
  }
  for (let p = first; p <= last && chosen.size < room; p++) if (isFaultEvent(items[p])) chosen.add(p);
  for (let k = 1; chosen.size < room; k++) {
    let reachable = false;
    for (const a of anchors) {
      const p = a - k;
      if (p < 0) continue;
      reachable = true;
      if (chosen.size < room) chosen.add(p);
    }
    if (!reachable) break;
  }
  return [...chosen];
}
