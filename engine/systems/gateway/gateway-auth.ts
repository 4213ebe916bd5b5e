import type { CheckerFactory, CheckOutcome, HistoryEntry } from "../../check/checker";
import { formatMicros } from "../../core/time";

/** Where a refused request went, by one kind of evidence. */
interface Reach {
  t: number;
  to: string;
  history: number[];
  events: number[];
}

interface Denied {
  entry: HistoryEntry;
  /** The first upstream attempt the gateway recorded for it. */
  attempt: Reach | null;
  /** The first delivery of a message the gateway sent for it. */
  delivered: Reach | null;
}

/**
 * Safety of the gateway's authentication: no request the gateway refused with 401 reaches a
 * backend. Judged twice, independently: from the history (the route proxy recorded a
 * `call-attempt` whose `n` is the refused request's id) and, when the trace was recorded, from
 * the network itself (a message the gateway sent carrying that request id was delivered). The
 * second catches a gateway that forwards without recording it.
 *
 * Findings: how many requests were refused for a missing and for an invalid key.
 */
export const gatewayAuth: CheckerFactory = () => ({
  name: "gateway-auth",
  description: "No request the gateway refused for authentication reaches a backend.",
  check(ctx): CheckOutcome {
    const denied = new Map<string, Denied>();
    const key = (address: string, id: unknown) => `${address}#${String(id)}`;
    let missing = 0, invalid = 0;
    for (const h of ctx.history) {
      if (h.event !== "gateway-request" || h.fields.status !== 401) continue;
      denied.set(key(h.address, h.fields.id), { entry: h, attempt: null, delivered: null });
      if (h.fields.auth === "missing") missing++;
      else invalid++;
    }
    if (denied.size > 0) {
      for (const h of ctx.history) {
        if (h.event !== "call-attempt") continue;
        const d = denied.get(key(h.address, h.fields.n));
        if (d && !d.attempt) d.attempt = { t: h.t, to: String(h.fields.address), history: [h.index], events: h.seq >= 0 ? [h.seq] : [] };
      }
      if (ctx.trace) {
        const sent = new Map<number, Denied>();
        for (const e of ctx.trace) {
          if (e.kind === "send" && e.id !== undefined && typeof e.body === "object" && e.body !== null && !Array.isArray(e.body)) {
            const b = e.body as Record<string, unknown>;
            if (b.gateway === e.from && b.requestId !== undefined) {
              const d = denied.get(key(String(e.from), b.requestId));
              if (d) sent.set(e.id, d);
            }
          } else if (e.kind === "deliver" && e.id !== undefined) {
            const d = sent.get(e.id);
            if (d && !d.delivered) d.delivered = { t: e.t, to: `${e.node ?? "?"}/${e.proc ?? "?"}`, history: [], events: [e.seq] };
          }
        }
      }
    }
    const violations: CheckOutcome["violations"] = [];
    for (const d of denied.values()) {
      const reach = d.delivered ?? d.attempt;
      if (!reach) continue;
      const h = d.entry;
      const how = d.delivered ? `it was delivered to ${d.delivered.to}` : `the gateway sent it to ${reach.to}`;
      violations.push({
        message: `${h.address} refused request ${String(h.fields.id)} (${String(h.fields.path)}, ${h.fields.auth === "missing" ? "no API key" : "an invalid API key"}) with 401 at ${formatMicros(h.t)}, but ${how} at ${formatMicros(reach.t)}`,
        t: reach.t, nodes: [h.node, reach.to.split("/")[0]],
        history: [...(d.attempt?.history ?? []), h.index], events: [...(d.attempt?.events ?? []), ...(d.delivered?.events ?? [])],
      });
    }
    const findings: NonNullable<CheckOutcome["findings"]> = [{ message: `${missing + invalid} request(s) refused with 401: ${missing} without a key, ${invalid} with an invalid key`, value: missing + invalid }];
    if (violations.length > 0) findings.push({ message: `${violations.length} refused request(s) reached a backend`, value: violations.length });
    return { violations: violations.slice(0, 20), findings };
  },
});
