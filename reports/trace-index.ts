import type { Json } from "../engine/core/json";
import type { TraceEvent } from "../engine/trace/trace-event";
import { compactJson } from "./format";
import { describeFaultEvent, isFaultEvent } from "./fault-label";

/** One message of the run: its send and what became of each copy. */
export interface MessageInfo {
  id: number;
  from: string;
  to: string;
  type: string;
  body: Json | undefined;
  /** The send event, when it is in the trace. */
  send: TraceEvent | undefined;
  /** Deliveries (duplicates included) and drops, in trace order. */
  outcomes: TraceEvent[];
}

/**
 * Messages by id, so a deliver or drop event that carries only its id (which is all the trace
 * contract promises) can still be drawn from its sender to its receiver. The map is built on
 * first use: the engine's events name their endpoints themselves, so a writer that only
 * describes a few events never pays for indexing a million.
 */
export interface TraceIndex {
  readonly messages: Map<number, MessageInfo>;
}

/** An index over `trace`, built when first read. */
export function indexTrace(trace: readonly TraceEvent[]): TraceIndex {
  let built: Map<number, MessageInfo> | undefined;
  return {
    get messages(): Map<number, MessageInfo> {
      if (built === undefined) built = buildIndex(trace);
      return built;
    },
  };
}

function buildIndex(trace: readonly TraceEvent[]): Map<number, MessageInfo> {
  const messages = new Map<number, MessageInfo>();
  for (const e of trace) {
    if (e.id === undefined || (e.kind !== "send" && e.kind !== "deliver" && e.kind !== "drop")) continue;
    let m = messages.get(e.id);
    if (m === undefined) {
      m = { id: e.id, from: e.from ?? "?", to: e.to ?? "?", type: e.type ?? "message", body: e.body, send: undefined, outcomes: [] };
      messages.set(e.id, m);
    }
    if (e.kind === "send") {
      m.send = e;
      m.from = e.from ?? m.from;
      m.to = e.to ?? m.to;
      m.type = e.type ?? m.type;
      m.body = e.body ?? m.body;
    } else {
      m.outcomes.push(e);
      if (m.from === "?" && e.from !== undefined) m.from = e.from;
      if (m.to === "?" && e.to !== undefined) m.to = e.to;
    }
  }
  return messages;
}

/** The node part of a `node/process` address. */
export function nodeOfAddress(address: string): string {
  const slash = address.indexOf("/");
  return slash < 0 ? address : address.slice(0, slash);
}

/**
 * The process an event happened at, as a `node/process` address, or undefined for events that
 * belong to a whole node or to the network. A send happens at its sender and a delivery or drop
 * at its receiver when the event does not name its process itself.
 */
export function eventAddress(e: TraceEvent, index?: TraceIndex): string | undefined {
  if (e.node !== undefined && e.proc !== undefined) return `${e.node}/${e.proc}`;
  if (e.kind === "send") return e.from ?? (index && e.id !== undefined ? index.messages.get(e.id)?.from : undefined);
  if (e.kind === "deliver" || e.kind === "drop") return e.to ?? (index && e.id !== undefined ? index.messages.get(e.id)?.to : undefined);
  return undefined;
}

/** The message a send, deliver or drop event belongs to. */
export function messageOf(e: TraceEvent, index: TraceIndex): MessageInfo | undefined {
  return e.id === undefined ? undefined : index.messages.get(e.id);
}

/** Whether a delivery is a network duplicate (`dup` is 1 or more, or `true`). */
export function isDuplicate(e: TraceEvent): boolean {
  return e.dup === true || (typeof e.dup === "number" && e.dup > 0);
}

function at(e: TraceEvent): string {
  return e.node === undefined ? "" : e.proc === undefined ? e.node : `${e.node}/${e.proc}`;
}

/** Sender, receiver and type of a message event: its own fields first, the index only for what is missing. */
function endpoints(e: TraceEvent, index: TraceIndex): { from: string; to: string; type: string } {
  if (e.from !== undefined && e.to !== undefined && e.type !== undefined) return { from: e.from, to: e.to, type: e.type };
  const m = messageOf(e, index);
  return { from: e.from ?? m?.from ?? "?", to: e.to ?? m?.to ?? "?", type: e.type ?? m?.type ?? "?" };
}

/** One event as one line of plain text, for the terminal, the event list and tooltips. */
export function describeEvent(e: TraceEvent, index: TraceIndex): string {
  switch (e.kind) {
    case "send": {
      const m = endpoints(e, index);
      return `send ${m.type} ${m.from} -> ${m.to} ${compactJson(e.body)}`.trimEnd();
    }
    case "deliver": {
      const m = endpoints(e, index);
      return `deliver ${m.type} ${m.from} -> ${m.to}${isDuplicate(e) ? " (duplicate)" : ""}`;
    }
    case "drop": {
      const m = endpoints(e, index);
      return `drop ${m.type} ${m.from} -> ${m.to}: ${e.reason ?? "unknown"}`;
    }
    case "start":
      return typeof e.incarnation === "number" && e.incarnation > 0 ? `start ${at(e)} (incarnation ${e.incarnation})` : `start ${at(e)}`;
    case "timer":
      return `timer ${compactJson(e.label ?? e.type ?? "")} at ${at(e)}`;
    case "state":
      return `state ${at(e)}${Array.isArray(e.patches) ? ` (${e.patches.length} patches)` : ""}`;
    case "log":
      return `log ${at(e)}: ${compactJson(e.message ?? "", 100)}`;
    case "record":
      return `record ${at(e)} ${compactJson(e.event ?? e.type ?? "")} ${compactJson(e.fields ?? null)}`.replace(/ null$/, "");
    case "metric":
      return `metric ${compactJson(e.name ?? "")}${e.value !== undefined ? " = " + compactJson(e.value) : ""}`;
    case "check":
      return `check ${compactJson(e.name ?? "")}: ${compactJson(e.status ?? "")}`;
    case "end":
      return `end: ${e.reason ?? "?"}`;
    default:
      return isFaultEvent(e) ? describeFaultEvent(e) : `${e.kind} ${at(e)}`;
  }
}
