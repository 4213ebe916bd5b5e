import type { CheckerFactory, CheckOutcome, HistoryEntry } from "../../../check/checker";
import { formatMicros } from "../../../core/time";

/**
 * No two region servers serve writes for one region at once, by the true clock: once a server
 * has opened a region (`hbase-region-open`), any write another server acknowledges for it
 * (`hbase-put`) must be one the new server replayed, that is, one synced to a WAL the master
 * split before the region was reopened (`hbase-wal-split`'s `wals`). Such a write was durable
 * before the fence and is only answered late (its WAL append's answer waited out a pause); a
 * write in any other WAL was made after the region had moved and nobody will replay it. The
 * history is in true-time order, so a server whose clock stopped during a pause cannot hide a
 * late write. This is what the master's WAL fencing (rename the directory, recover the lease)
 * guarantees for a region server it declared dead that was only paused. An online check: it
 * keeps the newest opener of each region, the split WALs' paths and the first violations.
 *
 * Findings: acknowledged writes judged, those a server no longer holding the region made
 * (the violations), and the late answers to writes that had been replayed.
 */
export const oneWriterPerRegion: CheckerFactory = () => ({
  name: "one-writer-per-region",
  description: "No region server acknowledges a write to a region after another server has opened it, unless the write was in a WAL split before that (by the true clock).",
  events: ["hbase-region-open", "hbase-put", "hbase-wal-split"],
  start() {
    const owner = new Map<string, HistoryEntry>();
    const split = new Set<string>();
    const violations: CheckOutcome["violations"] = [];
    let writes = 0, stray = 0, late = 0;
    return {
      record(h) {
        if (h.event === "hbase-wal-split") { for (const w of (h.fields.wals ?? []) as string[]) split.add(String(w)); return; }
        const region = String(h.fields.region);
        if (h.event === "hbase-region-open") { owner.set(region, h); return; }
        writes++;
        const o = owner.get(region);
        if (!o || o.fields.server === h.fields.server) return;
        if (split.has(String(h.fields.wal))) { late++; return; }
        stray++;
        if (violations.length < 20) {
          violations.push({
            message: `${String(h.fields.server)} acknowledged a write to region ${region} at ${formatMicros(h.t)} (in its WAL ${String(h.fields.wal)}, which no split replayed), but ${String(o.fields.server)} had opened ${region} at ${formatMicros(o.t)}: two servers served writes for one region at once`,
            t: h.t, nodes: [o.node, h.node], history: [o.index, h.index], events: [],
          });
        }
      },
      finish: () => ({
        violations,
        findings: [{ message: `${writes} acknowledged write(s) judged, ${stray} by a server that no longer held the region${late > 0 ? `; ${late} answered late by the old server, already replayed by the new one` : ""}`, value: stray }],
      }),
    };
  },
});
