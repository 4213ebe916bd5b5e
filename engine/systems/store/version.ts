import type { Micros } from "../../core/time";

/**
 * A write's version for last-writer-wins: the writer's local clock when it wrote (Cassandra's
 * write timestamp), then the writer's address and its own write counter to break ties, so two
 * different writes never have equal versions. Because the timestamp is the writer's clock, a
 * writer whose clock is behind loses to an older write: that is last-writer-wins as deployed.
 */
export interface Version {
  ts: Micros;
  writer: string;
  seq: number;
}

/** Orders versions: negative when `a` is older than `b`; null (no value) is older than any version. */
export function compareVersions(a: Version | null, b: Version | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  if (a.ts !== b.ts) return a.ts - b.ts;
  if (a.writer !== b.writer) return a.writer < b.writer ? -1 : 1;
  return a.seq - b.seq;
}

/** A version as short text for messages: `12.5s by c1/client #7`. */
export function formatVersion(v: Version | null, fmt: (t: Micros) => string): string {
  return v === null ? "nothing" : `${fmt(v.ts)} by ${v.writer} #${v.seq}`;
}
