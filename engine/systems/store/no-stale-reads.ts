import type { CheckerFactory, CheckOutcome, HistoryEntry } from "../../check/checker";
import type { Micros } from "../../core/time";
import { formatMicros } from "../../core/time";
import { compareVersions, formatVersion } from "./version";
import type { Version } from "./version";

/** An acknowledged write, as the checker sees it. */
interface AckedWrite {
  end: Micros;
  version: Version;
  address: string;
  index: number;
}

/**
 * Reads see acknowledged writes. For every successful read, take the writes of the same key
 * that were acknowledged before the read began (in real time); the read must return the newest
 * of their versions or a newer one. That is what a quorum store with R + W > N promises when
 * versions follow real time; with R + W <= N a read can miss the write quorum and return an
 * older value, which this check reports. With `scope: session` only the reader's own writes
 * count: read-your-writes. Reads that failed, and writes that failed (they may or may not have
 * landed), demand nothing.
 *
 * Findings: reads checked, stale reads, and the longest time a stale read came after the
 * write it missed was acknowledged.
 */
export function staleReadsChecker(scope: "all" | "session"): CheckerFactory {
  const name = scope === "all" ? "no-stale-reads" : "read-your-writes";
  return () => ({
    name,
    description: scope === "all"
      ? "A read that starts after a write was acknowledged returns that write or a newer one."
      : "A read returns the reader's own acknowledged writes, or newer ones.",
    check(ctx): CheckOutcome {
      const starts = new Map<string, HistoryEntry>();
      const writes = new Map<string, AckedWrite[]>();
      const reads: Array<{ start: HistoryEntry; end: HistoryEntry }> = [];
      for (const h of ctx.history) {
        if (h.event === "kv-start") starts.set(`${h.address}#${String(h.fields.n)}`, h);
        else if (h.event === "kv-end" && h.fields.ok === true) {
          const start = starts.get(`${h.address}#${String(h.fields.n)}`);
          if (!start) continue;
          if (h.fields.op === "write") {
            const key = String(h.fields.key);
            const list = writes.get(key) ?? [];
            list.push({ end: h.t, version: h.fields.version as unknown as Version, address: h.address, index: h.index });
            writes.set(key, list);
          } else {
            reads.push({ start, end: h });
          }
        }
      }
      const violations: CheckOutcome["violations"] = [];
      let stale = 0;
      let worst = 0;
      for (const { start, end } of reads) {
        const key = String(end.fields.key);
        let need: AckedWrite | null = null;
        for (const w of writes.get(key) ?? []) {
          if (w.end >= start.t) continue;
          if (scope === "session" && w.address !== start.address) continue;
          if (need === null || compareVersions(w.version, need.version) > 0) need = w;
        }
        const got = (end.fields.version ?? null) as unknown as Version | null;
        if (need === null || compareVersions(got, need.version) >= 0) continue;
        stale++;
        worst = Math.max(worst, start.t - need.end);
        if (violations.length < 20) {
          violations.push({
            message: `${start.address} read ${key} at ${formatMicros(start.t)} and got ${formatVersion(got, formatMicros)}, but ${need.address}'s write of ${formatVersion(need.version, formatMicros)} was acknowledged at ${formatMicros(need.end)}, before the read began`,
            t: end.t, nodes: [start.node, need.address.split("/")[0]], history: [need.index, start.index, end.index], events: [],
          });
        }
      }
      return {
        violations,
        findings: [
          { message: `${reads.length} successful read(s) checked, ${stale} stale${stale > 0 ? `; the stalest began ${formatMicros(worst)} after the write it missed was acknowledged` : ""}`, value: stale },
        ],
      };
    },
  });
}

/** `no-stale-reads`: every client's acknowledged writes count. */
export const noStaleReads: CheckerFactory = staleReadsChecker("all");

/** `read-your-writes`: only the reader's own acknowledged writes count. */
export const readYourWrites: CheckerFactory = staleReadsChecker("session");
