import type { TraceEvent } from "../../../../engine/trace/trace-event";

function where(ev: TraceEvent): string {
  return ev.proc ? `${ev.node}/${ev.proc}` : ev.node ?? "run";
}

function brief(v: unknown, max = 60): string {
  if (v === undefined) return "";
  const s = JSON.stringify(v);
  return s.length > max ? s.slice(0, max - 1) + "…" : s;
}

/** Why a message was dropped, in words. */
export const DROP_REASONS: Record<string, string> = {
  loss: "lost on the link (its loss ratio)",
  partition: "the link was cut by a partition",
  "node-down": "the receiving node was down",
  "sender-down": "the sender crashed before it left",
  "no-process": "no process at that address",
};

/**
 * One event as a sentence for the log and for screen readers: who did what to whom. The
 * fields a kind does not explain are left to the raw JSON the log can show beside it.
 */
export function describeEvent(ev: TraceEvent): string {
  switch (ev.kind) {
    case "start": return `${where(ev)} started${ev.incarnation ? ` (incarnation ${ev.incarnation})` : ""}`;
    case "send": return `${ev.from} sent ${ev.type} #${ev.id} to ${ev.to}${ev.body !== undefined ? ` ${brief(ev.body, 40)}` : ""}`;
    case "deliver": return `${ev.to} received ${ev.type} #${ev.id} from ${ev.from}${ev.dup ? " (a network duplicate)" : ""}`;
    case "drop": return `${ev.type} #${ev.id} from ${ev.from} to ${ev.to} was dropped at ${ev.node}: ${DROP_REASONS[String(ev.reason)] ?? ev.reason}`;
    case "timer": return `${where(ev)}: timer ${ev.label ?? ""} fired`;
    case "crash": return `${ev.node} crashed${typeof ev.lostWrites === "number" && ev.lostWrites > 0 ? `, losing ${ev.lostWrites} unsynced writes` : ""}`;
    case "restart": return `${ev.node} restarted`;
    case "pause": return `${ev.node} paused (stop-the-world)`;
    case "resume": return `${ev.node} resumed${typeof ev.held === "number" ? ` (${ev.held} events were held)` : ""}`;
    case "partition": return `network: ${ev.fault ?? "partition"}`;
    case "heal": return `network healed: ${ev.fault ?? "all"}`;
    case "clock": return `${ev.node}: clock ${brief(Object.fromEntries(Object.entries(ev).filter(([k]) => !["t", "seq", "kind", "node"].includes(k))))}`;
    case "link": return `links changed: ${brief(Object.fromEntries(Object.entries(ev).filter(([k]) => !["t", "seq", "kind"].includes(k))))}`;
    case "state": {
      const patches = Array.isArray(ev.patches) ? ev.patches as Array<{ op: string; path: unknown[]; value?: unknown }> : [];
      const parts = patches.slice(0, 3).map((p) => `${p.path.join(".") || "(all)"}${p.op === "remove" ? " removed" : ` = ${brief(p.value, 30)}`}`);
      return `${where(ev)} state: ${parts.join(", ")}${patches.length > 3 ? `, +${patches.length - 3} more` : ""}`;
    }
    case "log": return `${where(ev)}: ${ev.message ?? brief(ev.fields)}`;
    case "record": return `${where(ev)} recorded ${ev.event} ${brief(ev.fields, 50)}`;
    case "metric": return "metrics sampled";
    case "check": return `check ${ev.name}: ${ev.status}${ev.passed === false ? " (failed)" : ""}`;
    case "end": return `run ended (${ev.reason})`;
    default: return `${ev.kind} ${brief(ev)}`;
  }
}
