/** One log entry as the state panel lists it. */
export interface RaftEntryView {
  index: number;
  term: number;
  what: string;
  /** At or below the server's commit index. */
  committed: boolean;
  /** At or below the last index it applied. */
  applied: boolean;
}

/** What the state panel shows of a Raft server (etcd- and ZooKeeper-like servers run Raft here). */
export interface RaftView {
  role: string;
  term: number;
  leader: string | null;
  lastIndex: number;
  commit: number;
  applied: number;
  /** The last index compacted into a snapshot (0: none). */
  snapshot: number;
  /** The newest entries, oldest first (what the server publishes: a few). */
  entries: RaftEntryView[];
}

const int = (v: unknown): number | null => (typeof v === "number" && Number.isInteger(v) ? v : null);

/**
 * Reads a process's published state as a Raft server's, or null when it is not one: it must
 * have a string `role` and whole-number `term`, `lastIndex` and `commit` (the shape of
 * RaftServerState in engine/systems/consensus/raft-server.ts). `tail` entries that are not
 * `{ index, term, what }` are left out rather than shown wrong.
 */
export function raftView(state: unknown): RaftView | null {
  if (state === null || typeof state !== "object" || Array.isArray(state)) return null;
  const s = state as Record<string, unknown>;
  const term = int(s.term), lastIndex = int(s.lastIndex), commit = int(s.commit);
  if (typeof s.role !== "string" || term === null || lastIndex === null || commit === null) return null;
  const applied = int(s.applied) ?? 0;
  const entries: RaftEntryView[] = [];
  if (Array.isArray(s.tail)) {
    for (const e of s.tail as unknown[]) {
      if (e === null || typeof e !== "object") continue;
      const r = e as Record<string, unknown>;
      const index = int(r.index), t = int(r.term);
      if (index === null || t === null) continue;
      entries.push({ index, term: t, what: typeof r.what === "string" ? r.what : "", committed: index <= commit, applied: index <= applied });
    }
  }
  return {
    role: s.role, term, leader: typeof s.leader === "string" ? s.leader : null, lastIndex, commit, applied,
    snapshot: int(s.snapshot) ?? 0, entries,
  };
}
