import type { Json } from "../../core/json";
import type { Operation } from "./operation";

/** How an input names places: `line 12` for files, `#12` for a run's history. */
export type PlaceName = (at: number) => string;

/** `line N`, for history files. */
export const lineNamed: PlaceName = (at) => `line ${at}`;

const show = (v: Json): string => (v === null ? "nil" : JSON.stringify(v));

/**
 * One operation as a person reads it: `process 3 cas k1 1→2 (ok, lines 4–9)`. The key is left
 * out when the whole sentence is about one key already.
 */
export function describeOperation(op: Operation, place: PlaceName = lineNamed, withKey = true): string {
  const key = withKey && op.key !== null ? ` ${op.key}` : "";
  const what =
    op.f === "read" ? `${op.name}${key} → ${show(op.output)}`
    : op.f === "cas" ? `${op.name}${key} ${show((op.input as Json[])[0])}→${show((op.input as Json[])[1])}`
    : op.f === "delete" ? `${op.name}${key}`
    : `${op.name}${key} ${show(op.input)}`;
  const when = op.pending ? `pending, invoked at ${place(op.callAt)}` : `ok, ${place(op.callAt)} to ${place(op.retAt ?? op.callAt)}`;
  return `process ${op.process} ${what} (${when})`;
}

/** A value for a sentence: `nil` for absent, JSON otherwise. */
export function showValue(v: Json): string {
  return show(v);
}
