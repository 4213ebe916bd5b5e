import type { CheckerFactory, CheckOutcome, HistoryEntry } from "../../../check/checker";
import { formatMicros } from "../../../core/time";

/**
 * Fresh reads, by revision: a get that began after a write to its key was acknowledged must
 * see that write or a later one, that is, the key's modification revision it returns must be
 * at least the write's revision. Linearizability implies it (the write precedes the get in real
 * time), so this is a cheap, sound witness of stale reads, with the two operations to show.
 * It reads the etcd client's `op` records (`ok` entries carry `rev`). Serializable reads from
 * a lagging follower and reads from a deposed leader fail it.
 */
export const freshReads: CheckerFactory = () => ({
  name: "fresh-reads",
  description: "A get that begins after a write to its key was acknowledged sees that write's revision or a later one.",
  check(ctx): CheckOutcome {
    const invoked = new Map<string, HistoryEntry>();
    // Per key, the newest acknowledged write so far, by revision.
    const newest = new Map<string, HistoryEntry>();
    const acked: Array<{ key: string; t: number; h: HistoryEntry }> = [];
    const gets: Array<{ start: HistoryEntry; end: HistoryEntry }> = [];
    for (const h of ctx.history) {
      if (h.event !== "op") continue;
      const id = `${h.address}#${String(h.fields.process)}`;
      if (h.fields.type === "invoke") { invoked.set(id, h); continue; }
      const start = invoked.get(id);
      invoked.delete(id);
      if (!start || h.fields.type !== "ok") continue;
      if (h.fields.f === "get") gets.push({ start, end: h });
      else if (Number(h.fields.rev ?? 0) > 0) acked.push({ key: String(h.fields.key), t: h.t, h });
    }
    const violations: CheckOutcome["violations"] = [];
    let stale = 0;
    let w = 0;
    gets.sort((a, b) => a.start.t - b.start.t || a.start.index - b.start.index);
    for (const g of gets) {
      while (w < acked.length && acked[w].t < g.start.t) {
        const a = acked[w++];
        const cur = newest.get(a.key);
        if (!cur || Number(a.h.fields.rev) > Number(cur.fields.rev)) newest.set(a.key, a.h);
      }
      const key = String(g.end.fields.key);
      const need = newest.get(key);
      if (!need || Number(g.end.fields.rev ?? 0) >= Number(need.fields.rev)) continue;
      stale++;
      if (violations.length < 20) {
        violations.push({
          message: `${g.start.address} (process ${String(g.start.fields.process)}) read ${key} at ${formatMicros(g.start.t)} and saw revision ${String(g.end.fields.rev)} (${JSON.stringify(g.end.fields.value)}), ` +
            `but ${need.address}'s ${String(need.fields.f)} of ${JSON.stringify(need.fields.value)} at revision ${String(need.fields.rev)} was acknowledged at ${formatMicros(need.t)}, before the read began`,
          t: g.end.t, nodes: [g.start.node, need.node], history: [need.index, g.start.index, g.end.index], events: [],
        });
      }
    }
    return { violations, findings: [{ message: `${gets.length} get(s) checked, ${stale} stale`, value: stale }] };
  },
});
