import type { CheckerFactory, CheckOutcome } from "../../../../check/checker";
import { formatMicros } from "../../../../core/time";

/**
 * Ephemerals die with their session (ZooKeeper: "ephemeral nodes are deleted when the session
 * ends"): at every server, by the order in which it applied the log, when a session's close
 * (expiry or explicit) has been applied, no znode that session created as ephemeral is still
 * there. It follows each server's `zk-created`, `zk-deleted` and `zk-session-closed` records, so
 * it judges what the servers did, not what they say about it.
 */
export const ephemeralsDieWithSession: CheckerFactory = () => ({
  name: "ephemerals-die-with-session",
  description: "When a session's close is applied, none of its ephemeral znodes survives, at any server.",
  check(ctx): CheckOutcome {
    const live = new Map<string, Map<string, { owner: number; index: number }>>();
    const violations: CheckOutcome["violations"] = [];
    const reported = new Set<number>();
    let closed = 0;
    for (const h of ctx.history) {
      if (h.event !== "zk-created" && h.event !== "zk-deleted" && h.event !== "zk-session-closed") continue;
      const nodes = live.get(h.address) ?? new Map<string, { owner: number; index: number }>();
      live.set(h.address, nodes);
      if (h.event === "zk-created") { if (Number(h.fields.owner) !== 0) nodes.set(String(h.fields.path), { owner: Number(h.fields.owner), index: h.index }); continue; }
      if (h.event === "zk-deleted") { nodes.delete(String(h.fields.path)); continue; }
      closed++;
      const session = Number(h.fields.session);
      const left = [...nodes].filter(([, n]) => n.owner === session);
      if (left.length === 0 || reported.has(session)) continue;
      reported.add(session);
      violations.push({
        message: `${h.address} ${h.fields.expired ? "expired" : "closed"} session ${session} at ${formatMicros(h.t)} but its ephemeral ${left.map(([p]) => p).join(", ")} survived`,
        t: h.t, nodes: [h.node], history: [...left.map(([, n]) => n.index), h.index], events: [],
      });
    }
    return { violations, findings: [{ message: `${closed} session close(s) applied across the servers`, value: closed }] };
  },
});
