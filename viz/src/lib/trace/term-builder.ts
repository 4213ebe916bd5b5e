import type { JsonPatch } from "./status-builder";

/** A stretch of time in which a process held one consensus term (Raft's `term`, ZooKeeper's epoch as our servers publish it). */
export interface TermSegment {
  lane: number;
  term: number;
  t0: number;
  t1: number;
  /** The state event that set it. */
  seq: number;
}

/**
 * Reads a process's term out of its state patches: a top-level `term` that is a whole number,
 * written alone (`replace term 3`) or as part of a whole state object. A Raft server publishes
 * `{ role, term, leader, lastIndex, commit, ... }`; a term without a role beside it (some other
 * component's `term`) is still read, since the panel and the lane show it the same way. A crash
 * ends the term's segment, as it ends a status: what the process believes is gone until it
 * publishes again (its term is on disk, and it publishes it as soon as it restarts).
 */
export class TermBuilder {
  private open = new Map<number, TermSegment>();
  private segments: TermSegment[] = [];

  /** Feeds the patches of one state event of a process (provisional lane id `pid`). */
  patches(t: number, seq: number, pid: number, patches: readonly JsonPatch[]): void {
    for (const p of patches) {
      if (!p || !Array.isArray(p.path)) continue;
      if (p.path.length === 1 && p.path[0] === "term") {
        if (p.op === "remove") this.end(pid, t);
        else this.set(t, seq, pid, p.value);
      } else if (p.path.length === 0) {
        const v = p.value;
        if (p.op === "remove" || v === null || typeof v !== "object" || Array.isArray(v)) { this.end(pid, t); continue; }
        const term = (v as Record<string, unknown>).term;
        if (term === undefined) this.end(pid, t);
        else this.set(t, seq, pid, term);
      }
    }
  }

  private set(t: number, seq: number, pid: number, v: unknown): void {
    if (typeof v !== "number" || !Number.isInteger(v) || v < 0) return;
    const cur = this.open.get(pid);
    if (cur && cur.term === v) return;
    if (cur) this.end(pid, t);
    const seg: TermSegment = { lane: pid, term: v, t0: t, t1: Infinity, seq };
    this.open.set(pid, seg);
    this.segments.push(seg);
  }

  private end(pid: number, t: number): void {
    const cur = this.open.get(pid);
    if (!cur) return;
    cur.t1 = t;
    this.open.delete(pid);
  }

  /** Ends the open segments of the given provisional lanes (their node crashed). */
  crash(t: number, pids: ReadonlySet<number>): void {
    for (const pid of [...this.open.keys()]) if (pids.has(pid)) this.end(pid, t);
  }

  /** The segments, lanes mapped to final lanes, open ones ending at `tEnd`, empty ones left out. */
  finish(laneOf: Int32Array, tEnd: number): TermSegment[] {
    const out: TermSegment[] = [];
    for (const s of this.segments) {
      const t1 = s.t1 === Infinity ? tEnd : s.t1;
      if (t1 <= s.t0 && s.t1 !== Infinity) continue;
      out.push({ ...s, lane: laneOf[s.lane], t1 });
    }
    return out;
  }
}

/** The term a lane held at time `t` (the segment that began last at or before `t`), or null. */
export function termAt(terms: readonly TermSegment[], lane: number, t: number): number | null {
  let best: TermSegment | null = null;
  for (const s of terms) if (s.lane === lane && s.t0 <= t && t < Math.max(s.t1, s.t0 + 1) && (!best || s.t0 >= best.t0)) best = s;
  return best ? best.term : null;
}
