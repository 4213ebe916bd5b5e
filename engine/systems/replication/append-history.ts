import type { Json } from "../../core/json";
import type { HistoryEntry } from "../../check/checker";
import type { Micros } from "../../core/time";

/** One completed operation of a list-append history, as the checks read it. */
export interface AppendOp {
  address: string;
  node: string;
  f: "append" | "read";
  key: string;
  /** ok, fail or info. */
  type: string;
  /** For an append, the value appended; for an ok read, the list read. */
  value: Json;
  start: Micros;
  end: Micros;
  startIndex: number;
  endIndex: number;
  final: boolean;
}

/**
 * Pairs one history entry with its invocation in `open` (keyed by client address and Jepsen
 * process): an invocation is kept there, and a completion returns the operation and forgets
 * the invocation. Operations of other shapes, and completions with no invocation, give null.
 * Online checks call it record by record and keep only the operations they judge.
 */
export function pairOp(open: Map<string, HistoryEntry>, h: HistoryEntry): AppendOp | null {
  if (h.event !== "op") return null;
  const f = h.fields.f;
  if (f !== "append" && f !== "read") return null;
  const id = `${h.address}#${String(h.fields.process)}`;
  if (h.fields.type === "invoke") { open.set(id, h); return null; }
  const start = open.get(id);
  if (!start) return null;
  open.delete(id);
  return {
    address: h.address, node: h.node, f, key: String(h.fields.key), type: String(h.fields.type), value: h.fields.value ?? null,
    start: start.t, end: h.t, startIndex: start.index, endIndex: h.index, final: h.fields.final === true,
  };
}

/**
 * Pairs the `op` records (invocation and completion) of the list-append clients into
 * operations, in the order they completed. Operations of other shapes are left out, and so
 * are invocations that never completed.
 */
export function appendOps(history: readonly HistoryEntry[]): AppendOp[] {
  const open = new Map<string, HistoryEntry>();
  const out: AppendOp[] = [];
  for (const h of history) {
    const op = pairOp(open, h);
    if (op) out.push(op);
  }
  return out;
}

/** The list an ok read returned. */
export function listOf(op: AppendOp): string[] {
  return Array.isArray(op.value) ? op.value.map(String) : [];
}

/** The last successful read of each key (by completion): the final state the checks judge by. */
export function finalReads(ops: readonly AppendOp[]): Map<string, AppendOp> {
  const out = new Map<string, AppendOp>();
  for (const op of ops) if (op.f === "read" && op.type === "ok") out.set(op.key, op);
  return out;
}
