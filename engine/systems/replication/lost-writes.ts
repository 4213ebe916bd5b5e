import type { CheckerFactory, CheckOutcome, HistoryEntry } from "../../check/checker";
import { formatMicros } from "../../core/time";
import type { AppendOp } from "./append-history";
import { appendOps, finalReads, listOf, pairOp } from "./append-history";

/**
 * `no-acknowledged-write-lost`: an append a client saw succeed (`ok`) is in the final state.
 * The final state of a key is the last successful read of it; an append acknowledged before
 * that read began and absent from it was lost (one acknowledged while the read ran may have
 * come after the read's snapshot, so it is not judged). Appends that failed or are indeterminate
 * demand nothing, and an acknowledged append with no read of its key after it cannot be judged
 * (counted in the findings). This is the loss asynchronous replication allows: a primary
 * acknowledges, fails over before its replicas have the write, and the promoted replica never
 * had it.
 *
 * Findings: acknowledged appends judged, lost, not judged, and the time span of the lost ones.
 */
export const noAcknowledgedWriteLost: CheckerFactory = () => ({
  name: "no-acknowledged-write-lost",
  description: "Every write a client saw acknowledged is present in the final state of its key.",
  events: ["op"],
  // Online: it keeps the invocations still open, the acknowledged appends (each may be judged
  // lost at the end) and the last successful read of each key, and drops everything else.
  start() {
    const open = new Map<string, HistoryEntry>();
    const acked: AppendOp[] = [];
    const finals = new Map<string, AppendOp>();
    return {
      record(h) {
        const op = pairOp(open, h);
        if (!op || op.type !== "ok") return;
        if (op.f === "append") acked.push(op);
        else finals.set(op.key, op);
      },
      finish(): CheckOutcome {
        const sets = new Map([...finals].map(([k, r]) => [k, new Set(listOf(r))]));
        const violations: CheckOutcome["violations"] = [];
        let judged = 0, lost = 0, unjudged = 0, first = Infinity, last = -Infinity;
        for (const op of acked) {
          const fin = finals.get(op.key);
          if (!fin || fin.start <= op.end) { unjudged++; continue; }
          judged++;
          if (sets.get(op.key)!.has(String(op.value))) continue;
          lost++;
          first = Math.min(first, op.end);
          last = Math.max(last, op.end);
          if (violations.length < 20) {
            violations.push({
              message: `${op.address}'s append of ${String(op.value)} to ${op.key} was acknowledged at ${formatMicros(op.end)}, but the final read of ${op.key} (${fin.address} at ${formatMicros(fin.end)}, ${listOf(fin).length} values) does not hold it`,
              t: op.end, nodes: [op.node, fin.node], history: [op.startIndex, op.endIndex, fin.endIndex], events: [],
            });
          }
        }
        return {
          violations,
          findings: [
            { message: `${judged} acknowledged write(s) judged against the final state, ${lost} lost${lost > 0 ? ` (acknowledged from ${formatMicros(first)} to ${formatMicros(last)})` : ""}${unjudged > 0 ? `; ${unjudged} with no read of their key begun after them, not judged` : ""}`, value: lost },
          ],
        };
      },
    };
  },
});

/**
 * `no-read-of-lost-write`: no successful read returns a value that the final state of its key
 * lacks. Such a read saw a write that later vanished — acknowledged or not: a write the
 * primary executed but WAIT could not confirm, or a commit another session saw before a
 * failover lost it (MySQL's AFTER_COMMIT). Reads that completed after the final read are not
 * judged.
 *
 * Findings: reads judged, reads that saw lost values, and how many distinct lost values were read.
 */
export const noReadOfLostWrite: CheckerFactory = () => ({
  name: "no-read-of-lost-write",
  description: "No read returns a value that the final state of its key does not hold.",
  check(ctx): CheckOutcome {
    const ops = appendOps(ctx.history);
    const finals = finalReads(ops);
    const sets = new Map([...finals].map(([k, r]) => [k, new Set(listOf(r))]));
    const violations: CheckOutcome["violations"] = [];
    const seen = new Set<string>();
    let judged = 0, bad = 0;
    for (const op of ops) {
      if (op.f !== "read" || op.type !== "ok" || op.final) continue;
      const fin = finals.get(op.key);
      if (!fin || fin.start <= op.end) continue;
      judged++;
      const missing = listOf(op).filter((v) => !sets.get(op.key)!.has(v));
      if (missing.length === 0) continue;
      bad++;
      for (const v of missing) seen.add(v);
      if (violations.length < 20) {
        violations.push({
          message: `${op.address} read ${op.key} at ${formatMicros(op.end)} and saw ${missing.slice(0, 3).join(", ")}${missing.length > 3 ? ` and ${missing.length - 3} more` : ""}, which the final read of ${op.key} (${fin.address} at ${formatMicros(fin.end)}) does not hold: it read writes that were later lost`,
          t: op.end, nodes: [op.node, fin.node], history: [op.startIndex, op.endIndex, fin.endIndex], events: [],
        });
      }
    }
    return {
      violations,
      findings: [{ message: `${judged} read(s) judged, ${bad} saw values later lost (${seen.size} distinct)`, value: bad }],
    };
  },
});
