import type { Micros } from "../../engine/core/time";
import type { FaultSpec, TriggerMatch, TriggerSpec } from "../../engine/scenario";
import type { ConvertContext } from "./context";
import { convertAction, UNDOING_ACTIONS } from "./fault-action";
import type { ConvertedAction, NodeRef } from "./fault-action";
import type { PathSegment, SourceNode } from "../source/source-node";
import { valueOf } from "../source/source-node";

/** A converted fault or trigger with what the cross-reference checks need. */
export interface PlacedFault<T> {
  spec: T;
  action: ConvertedAction;
  entry: SourceNode;
  path: PathSegment[];
  /** For scripted faults: the time and its node; for both: `for` and its node. */
  at?: { value: Micros; node: SourceNode };
  for?: { value: Micros; node: SourceNode };
}

/** A converted trigger match and the addresses it names. */
export interface ConvertedMatch {
  match: TriggerMatch;
  refs: NodeRef[];
}

/** Reads `for` and refuses it on actions that undo something themselves. */
function forOf(entry: SourceNode, path: PathSegment[], ctx: ConvertContext, action: ConvertedAction): { value: Micros; node: SourceNode } | undefined {
  const node = valueOf(entry, "for");
  if (!node) return undefined;
  if (UNDOING_ACTIONS.has(action.key)) {
    ctx.report("CS304", node, [...path, "for"], `\`${action.key}\` cannot last \`for\` a while: it is itself the undoing of a fault`);
    return undefined;
  }
  const value = ctx.duration(node, [...path, "for"]);
  return value === undefined ? undefined : { value, node };
}

/** Converts `faults`: `- at: 2s` with one action and an optional `for` (undone after it). */
export function convertFaults(list: SourceNode, path: PathSegment[], ctx: ConvertContext): Array<PlacedFault<FaultSpec>> {
  if (list.type !== "seq") return [];
  const out: Array<PlacedFault<FaultSpec>> = [];
  list.items.forEach((entry, i) => {
    const p = [...path, i];
    const action = convertAction(entry, p, ctx);
    const atNode = valueOf(entry, "at");
    const at = ctx.duration(atNode, [...p, "at"]);
    if (!action || at === undefined || !atNode) return;
    const dur = forOf(entry, p, ctx, action);
    const spec: FaultSpec = { ...action.action, at };
    if (dur) spec.duration = dur.value;
    out.push({ spec, action, entry, path: p, at: { value: at, node: atNode }, ...(dur ? { for: dur } : {}) });
  });
  return out;
}

/** Converts `triggers`: `- when: {send: COMMIT, from: coord}` then `do: {crash: coord}`, optional `for`. */
export function convertTriggers(list: SourceNode, path: PathSegment[], ctx: ConvertContext): Array<PlacedFault<TriggerSpec> & { when: ConvertedMatch }> {
  if (list.type !== "seq") return [];
  const out: Array<PlacedFault<TriggerSpec> & { when: ConvertedMatch }> = [];
  list.items.forEach((entry, i) => {
    const p = [...path, i];
    const when = convertMatch(valueOf(entry, "when"), [...p, "when"], ctx);
    const doNode = valueOf(entry, "do");
    const action = doNode ? convertAction(doNode, [...p, "do"], ctx) : undefined;
    if (!when || !action) return;
    const dur = forOf(entry, p, ctx, action);
    const spec: TriggerSpec = { when: when.match, do: action.action };
    if (dur) spec.duration = dur.value;
    out.push({ spec, action, entry, path: p, when, ...(dur ? { for: dur } : {}) });
  });
  return out;
}

/** The event kinds a match can wait for. */
const MATCH_KINDS = ["send", "deliver", "record"] as const;

/**
 * Reads a match: exactly one of `send`, `deliver` or `record`, whose value is the message type
 * or history event (`*` for any), plus optional `from`, `to` and `nth`.
 */
export function convertMatch(node: SourceNode | undefined, path: PathSegment[], ctx: ConvertContext): ConvertedMatch | undefined {
  if (!node || node.type !== "map") return undefined;
  const kinds = MATCH_KINDS.filter((k) => valueOf(node, k) !== undefined);
  if (kinds.length !== 1) {
    ctx.report("CS207", node, path, kinds.length === 0
      ? "a match names what to wait for: `send: TYPE`, `deliver: TYPE` or `record: EVENT` (`*` for any)"
      : `a match waits for one kind of event, but this one has ${kinds.join(" and ")}`);
    return undefined;
  }
  const on = kinds[0];
  const type = ctx.string(valueOf(node, on));
  const match: TriggerMatch = { on };
  if (type !== undefined && type !== "*") match.type = type;
  const refs: NodeRef[] = [];
  for (const key of ["from", "to"] as const) {
    const v = valueOf(node, key);
    const s = ctx.string(v);
    if (s === undefined || !v) continue;
    match[key] = s;
    refs.push({ name: s, node: v, path: [...path, key] });
  }
  const nth = ctx.number(valueOf(node, "nth"));
  if (nth !== undefined) match.nth = nth;
  return { match, refs };
}
