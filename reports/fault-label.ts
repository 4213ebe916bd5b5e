import { formatMicros } from "../engine/core/time";
import type { FaultAction } from "../engine/scenario";
import type { FaultRecord } from "../engine/result";
import type { TraceEvent, TraceKind } from "../engine/trace/trace-event";
import { formatNumber } from "./format";

/** Trace kinds that are faults done to a node (drawn as bands and notes). */
export const NODE_FAULT_KINDS: ReadonlySet<TraceKind> = new Set(["crash", "restart", "pause", "resume", "clock"]);

/** Trace kinds that are faults done to the network. */
export const NETWORK_FAULT_KINDS: ReadonlySet<TraceKind> = new Set(["partition", "heal", "link"]);

/** True for every trace event that records a fault or its undoing. */
export function isFaultEvent(e: TraceEvent): boolean {
  return NODE_FAULT_KINDS.has(e.kind) || NETWORK_FAULT_KINDS.has(e.kind);
}

function groups(gs: readonly (readonly string[])[]): string {
  return gs.map((g) => `{${g.join(",")}}`).join(" | ");
}

/** A fault action in a few words: `crash n1`, `partition {n1,n2} | {n3}`, `cut n1 -> n2`. */
export function describeFaultAction(f: FaultAction): string {
  switch (f.action) {
    case "crash":
    case "restart":
    case "pause":
    case "resume":
    case "isolate":
      return `${f.action} ${f.node}`;
    case "partition":
      return `partition ${groups(f.groups)}`;
    case "cut":
      return `cut ${f.from} -> ${f.to}`;
    case "bridge":
      return `bridge ${groups(f.groups)} via ${f.bridge}`;
    case "ring":
      return "majorities ring";
    case "heal":
      return "heal";
    case "skew":
      return `skew ${f.node} by ${f.offset < 0 ? "-" : "+"}${formatMicros(Math.abs(f.offset))}`;
    case "drift":
      return `drift ${f.node} ${formatNumber(f.ppm)}ppm`;
    case "link":
      return `link ${f.from ?? "*"} -> ${f.to ?? "*"} ${describeLink(f.link as Record<string, unknown>)}`;
  }
}

function describeLink(link: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const key of Object.keys(link).sort()) {
    const v = link[key];
    parts.push(`${key}=${typeof v === "object" ? JSON.stringify(v) : String(v)}`);
  }
  return parts.join(" ");
}

/** A fault that happened, with its duration and source: `crash n1 for 2s (nemesis)`. */
export function describeFaultRecord(r: FaultRecord): string {
  const lasting = r.fault.duration !== undefined ? ` for ${formatMicros(r.fault.duration)}` : "";
  return `${describeFaultAction(r.fault)}${lasting} (${r.source})`;
}

/**
 * A fault trace event in a few words. Network faults carry a `fault` description from the engine,
 * which is used as it is; node faults name the node.
 */
export function describeFaultEvent(e: TraceEvent): string {
  const what = typeof e.fault === "string" ? e.fault : undefined;
  if (NETWORK_FAULT_KINDS.has(e.kind)) return what ?? e.kind;
  if (e.kind === "clock") return what ?? `clock ${e.node ?? "?"}`;
  return `${e.kind} ${e.node ?? "?"}`;
}
