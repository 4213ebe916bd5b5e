import type { CheckerFactory, CheckOutcome, HistoryEntry } from "../../../../check/checker";
import { formatMicros } from "../../../../core/time";

/**
 * Watch notifications reach a client in the order its server sent them, with no gaps: from one
 * server incarnation to one client, the `zk-watch-event` records carry seq 1, 2, 3... in that
 * order and zxids that never go down. ZooKeeper gets this from its one TCP connection per
 * client; a gap means a notification was lost while later ones arrived (a client that missed a
 * deletion waits forever), a step back means they were reordered. A gap across the client's
 * disconnection is allowed: the connection broke, and the client reads again on reconnecting. Scenarios that use it run on
 * FIFO links, as TCP is.
 */
export const watchDeliveryOrder: CheckerFactory = () => ({
  name: "watch-delivery-order",
  description: "Watch notifications reach each client in the order sent (zxid order), with no gaps.",
  check(ctx): CheckOutcome {
    const last = new Map<string, HistoryEntry>();
    // The newest disconnection per client: a connection that broke may have lost what was in flight.
    const brokeAt = new Map<string, number>();
    const violations: CheckOutcome["violations"] = [];
    let n = 0;
    for (const h of ctx.history) {
      if (h.event === "zk-disconnected" || h.event === "zk-session-expired-seen") { brokeAt.set(h.address, h.index); continue; }
      if (h.event !== "zk-watch-event") continue;
      n++;
      const key = `${h.address} from ${String(h.fields.epoch)}`;
      const prev = last.get(key);
      last.set(key, h);
      const seq = Number(h.fields.seq);
      const want = prev ? Number(prev.fields.seq) + 1 : seq;
      const zxidBack = prev !== undefined && Number(h.fields.zxid) < Number(prev.fields.zxid);
      const broke = prev !== undefined && (brokeAt.get(h.address) ?? -1) > prev.index;
      if ((seq === want || (broke && seq > want)) && !zxidBack) continue;
      if (violations.length >= 20) continue;
      const what = seq > want ? `missed notification(s) ${want}..${seq - 1}` : `got notification ${seq} after ${want - 1}`;
      violations.push({
        message: `${h.address} ${what} from ${String(h.fields.epoch)} at ${formatMicros(h.t)} (${String(h.fields.type)} ${String(h.fields.path)} zxid ${String(h.fields.zxid)}${zxidBack ? `, below ${String(prev!.fields.zxid)}` : ""})`,
        t: h.t, nodes: [h.node], history: prev ? [prev.index, h.index] : [h.index], events: [],
      });
    }
    return { violations, findings: [{ message: `${n} watch notification(s) delivered`, value: n }] };
  },
});
