import type { Json } from "../../../../engine/core/json";
import type { RunResult } from "../../../../engine/result";
import type { Violation } from "../../../../engine/check/checker";
import type { LinearizabilityDetails, WindowOperation } from "../../../../engine/check/linearizability/violation-details";
import type { Lane } from "../trace/trace-bundle";

/** One operation of a linearizability violation's window, placed on a lane. */
export interface WindowBar {
  lane: number;
  /** Row within the lane: a client with several processes stacks their bars. */
  row: number;
  rows: number;
  t0: number;
  /** The end of the interval; for a pending operation, the end of the run. */
  t1: number;
  pending: boolean;
  culprit: boolean;
  /** Short label drawn in the bar: `get k0 → 1`, `put k0 2`, `cas k0 1→2`. */
  label: string;
  /** The checker's line for the operation (process, values, places in the history). */
  text: string;
}

/** A linearizability violation ready to draw: its bars, the reason, the key. */
export interface ViolationWindow {
  check: string;
  key: string | null;
  reason: string;
  possibleValues: Json[];
  bars: WindowBar[];
  /** Operations of the window that have no lane or no times (a history from elsewhere), left undrawn. */
  unplaced: number;
}

/** A value for a bar's label: `nil` for absent, JSON otherwise, cut to 16 characters. */
function show(v: Json): string {
  const s = v === null ? "nil" : JSON.stringify(v);
  return s.length > 16 ? `${s.slice(0, 15)}…` : s;
}

/** The short label of an operation. */
export function operationLabel(o: WindowOperation): string {
  const key = o.key === null ? "" : ` ${o.key}`;
  if (o.f === "read" || o.f === "get") return `${o.f}${key} → ${o.pending ? "?" : show(o.output)}`;
  if (o.f === "cas" && Array.isArray(o.input) && o.input.length === 2) return `cas${key} ${show(o.input[0])}→${show(o.input[1])}`;
  if (o.f === "delete") return `delete${key}`;
  return `${o.f}${key} ${show(o.input)}`;
}

/** Whether a violation carries a linearizability window (details of kind `linearizability`). */
export function isLinearizabilityViolation(v: Violation): v is Violation & { details: LinearizabilityDetails } {
  const d = v.details as { kind?: unknown; operations?: unknown } | undefined;
  return !!d && d.kind === "linearizability" && Array.isArray(d.operations);
}

/** The first linearizability violation of a run's result, or null. */
export function firstLinearizabilityViolation(result: RunResult | null): (Violation & { details: LinearizabilityDetails }) | null {
  for (const c of result?.checks ?? []) for (const v of c.violations) if (isLinearizabilityViolation(v)) return v;
  return null;
}

/**
 * Places a violation's window on the diagram's lanes: each operation on the lane of its
 * client's address, from its invocation to its completion (a pending one to `end`), processes
 * of one client on rows of their own so that overlapping operations stay apart.
 */
export function violationWindow(v: Violation & { details: LinearizabilityDetails }, lanes: readonly Lane[], end: number): ViolationWindow {
  const laneOf = new Map(lanes.map((l, i) => [l.address, i]));
  const d = v.details;
  const rowsOf = new Map<number, string[]>();
  const placed: Array<{ o: WindowOperation; lane: number }> = [];
  let unplaced = 0;
  for (const o of d.operations) {
    const lane = o.address === null ? undefined : laneOf.get(o.address);
    if (lane === undefined || o.t0 === null) { unplaced++; continue; }
    const procs = rowsOf.get(lane) ?? [];
    if (!procs.includes(o.process)) procs.push(o.process);
    rowsOf.set(lane, procs);
    placed.push({ o, lane });
  }
  const bars = placed.map(({ o, lane }): WindowBar => {
    const procs = rowsOf.get(lane)!;
    return {
      lane, row: procs.indexOf(o.process), rows: procs.length, t0: o.t0!, t1: o.pending || o.t1 === null ? end : o.t1,
      pending: o.pending, culprit: o.culprit, label: operationLabel(o), text: o.text,
    };
  });
  return { check: v.check, key: d.key, reason: d.reason, possibleValues: d.possibleValues, bars, unplaced };
}
