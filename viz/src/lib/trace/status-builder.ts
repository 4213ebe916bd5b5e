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

/** A value that reads as a status: one short word (`closed`, `half-open`, `uncertain`, `leader`). */
const WORD = /^[A-Za-z][A-Za-z0-9_-]{0,23}$/;

/** Deepest patch path read for status values: `open.<txn>` and `active.<txn>.phase` are in reach. */
const MAX_DEPTH = 3;

/**
 * Reads status values out of state patches and keeps, per lane and key, the stretch of time
 * each value held. A status is a value under a status key (`state`, `phase`, `leader`...) or
 * any one-word string (a participant's `open.<txn> = "uncertain"`), at most three levels deep;
 * an object written whole is looked into for status keys. A crash ends every segment of the
 * crashed node's lanes: what a process held in memory is gone until it publishes again.
 */
export class StatusBuilder {
  private open = new Map<string, StatusSegment>();
  private segments: StatusSegment[] = [];

  /** Feeds the patches of one state event of a process (provisional lane id `pid`). */
  patches(t: number, seq: number, pid: number, patches: readonly JsonPatch[]): void {
    for (const p of patches) {
      if (!p || !Array.isArray(p.path) || p.path.length > MAX_DEPTH) continue;
      const key = p.path.join(".");
      if (p.op === "remove") {
        this.endUnder(pid, key, t);
        continue;
      }
      this.value(t, seq, pid, p.path, key, p.value);
    }
  }

  /** A value written at `path`: a status itself, or an object that may hold status keys. */
  private value(t: number, seq: number, pid: number, path: ReadonlyArray<string | number>, key: string, v: unknown): void {
    const last = path.length > 0 ? String(path[path.length - 1]) : "";
    if (v !== null && typeof v === "object") {
      // A whole object replaces the statuses under it; those it writes again unchanged go on.
      const found = new Map<string, unknown>();
      if (!Array.isArray(v) && path.length < MAX_DEPTH) {
        for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
          const sub = path.length === 0 ? k : `${key}.${k}`;
          if (STATUS_KEYS.has(k) || (typeof x === "string" && WORD.test(x))) found.set(sub, x);
          else if (x !== null && typeof x === "object" && !Array.isArray(x) && path.length + 1 < MAX_DEPTH) {
            for (const [k2, x2] of Object.entries(x as Record<string, unknown>)) if (STATUS_KEYS.has(k2)) found.set(`${sub}.${k2}`, x2);
          }
        }
      }
      for (const seg of [...this.open.values()]) {
        if (seg.lane !== pid || !(key === "" || seg.key === key || seg.key.startsWith(key + "."))) continue;
        const again = found.get(seg.key);
        if (again === undefined || label(again) !== seg.value) this.end(pid, seg.key, t);
      }
      for (const [k, x] of found) this.set(t, seq, pid, k, x);
      return;
    }
    if (STATUS_KEYS.has(last) || (typeof v === "string" && WORD.test(v))) this.set(t, seq, pid, key, v);
  }

  /** Ends the segments of `key` and of everything under it. */
  private endUnder(pid: number, key: string, t: number): void {
    for (const seg of [...this.open.values()]) {
      if (seg.lane === pid && (key === "" || seg.key === key || seg.key.startsWith(key + "."))) this.end(pid, seg.key, t);
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

/**
 * How a status segment is labelled on its lane: the value alone for a top-level status, else
 * with what it is the status of (`breaker: open`, `client#1: uncertain`).
 */
export function statusLabel(key: string, value: string): string {
  const parts = key.split(".");
  const last = parts[parts.length - 1];
  if (parts.length === 1) return last === "leader" ? `leader ${value}` : value;
  const owner = STATUS_KEYS.has(last) ? parts[parts.length - 2] : last;
  return `${owner}: ${value}`;
}
