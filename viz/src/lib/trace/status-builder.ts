import type { StatusSegment } from "./trace-bundle";

/**
 * State keys that name a status worth drawing along a lane: a breaker's state, a commit
 * protocol's phase, a node's role or the leader it follows. Matched on the last element of a
 * patch path of at most two elements (`state`, `breaker.state`).
 */
export const STATUS_KEYS: ReadonlySet<string> = new Set([
  "state", "phase", "role", "leader", "status", "mode", "decision",
]);

/** An immer JSON patch as the trace records it. */
export interface JsonPatch {
  op: "add" | "replace" | "remove";
  path: Array<string | number>;
  value?: unknown;
}

/** A status value as text, or null when the value is not a simple one (an object, a list). */
function label(v: unknown): string | null {
  if (v === null) return "none";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return null;
}

/**
 * Reads status values out of state patches and keeps, per lane and key, the stretch of time
 * each value held. A crash ends every segment of the crashed node's lanes: what a process held
 * in memory is gone until it publishes again.
 */
export class StatusBuilder {
  private open = new Map<string, StatusSegment>();
  private segments: StatusSegment[] = [];

  /** Feeds the patches of one state event of a process (provisional lane id `pid`). */
  patches(t: number, seq: number, pid: number, patches: readonly JsonPatch[]): void {
    for (const p of patches) {
      if (!p || !Array.isArray(p.path)) continue;
      if (p.path.length === 0) {
        this.root(t, seq, pid, p.op === "remove" ? undefined : p.value);
        continue;
      }
      if (p.path.length > 2) continue;
      const last = String(p.path[p.path.length - 1]);
      if (!STATUS_KEYS.has(last)) continue;
      const key = p.path.join(".");
      if (p.op === "remove") this.end(pid, key, t);
      else this.set(t, seq, pid, key, p.value);
    }
  }

  /** A whole new state object: every status key in it (one level deep) is set. */
  private root(t: number, seq: number, pid: number, value: unknown): void {
    for (const [k, seg] of this.open) if (seg.lane === pid && k.startsWith(`${pid}|`)) this.end(pid, seg.key, t);
    if (!value || typeof value !== "object") return;
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (STATUS_KEYS.has(k)) this.set(t, seq, pid, k, v);
      else if (v && typeof v === "object" && !Array.isArray(v)) {
        for (const [k2, v2] of Object.entries(v as Record<string, unknown>)) {
          if (STATUS_KEYS.has(k2)) this.set(t, seq, pid, `${k}.${k2}`, v2);
        }
      }
    }
  }

  private set(t: number, seq: number, pid: number, key: string, value: unknown): void {
    const text = label(value);
    if (text === null) return;
    const id = `${pid}|${key}`;
    const cur = this.open.get(id);
    if (cur && cur.value === text) return;
    if (cur) this.end(pid, key, t);
    const seg: StatusSegment = { lane: pid, key, value: text, t0: t, t1: Infinity, seq };
    this.open.set(id, seg);
    this.segments.push(seg);
  }

  private end(pid: number, key: string, t: number): void {
    const id = `${pid}|${key}`;
    const cur = this.open.get(id);
    if (!cur) return;
    cur.t1 = t;
    this.open.delete(id);
  }

  /** Ends every open segment of the given provisional lanes (their node crashed). */
  crash(t: number, pids: ReadonlySet<number>): void {
    for (const seg of [...this.open.values()]) if (pids.has(seg.lane)) this.end(seg.lane, seg.key, t);
  }

  /** The segments, lanes mapped to final lanes, open ones ending at `tEnd`, empty ones left out. */
  finish(laneOf: Int32Array, tEnd: number): StatusSegment[] {
    const out: StatusSegment[] = [];
    for (const s of this.segments) {
      const t1 = s.t1 === Infinity ? tEnd : s.t1;
      if (t1 <= s.t0 && s.t1 !== Infinity) continue;
      out.push({ ...s, lane: laneOf[s.lane], t1 });
    }
    return out;
  }
}
