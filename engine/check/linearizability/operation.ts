import type { Json } from "../../core/json";
import type { OpFunction, OpRecord } from "./op-record";
import { OP_FUNCTIONS, OP_TYPES } from "./op-record";

/** The five things an operation can do to one register; `get`/`put` arrive here as `read`/`write`. */
export type RegisterOp = "read" | "write" | "cas" | "append" | "delete";

/**
 * One operation of a history: an invocation paired with its completion. Failed operations are
 * gone (they certainly did not happen); an `info` or never-completed operation is `pending`: it
 * may take effect at any moment after its invocation, or never (Knossos and Porcupine both read
 * `:info` this way).
 */
export interface Operation {
  /** Index in the operation list. */
  id: number;
  process: string;
  f: RegisterOp;
  /** The name the history used (`get`, `put`, ...), for messages. */
  name: OpFunction;
  key: string | null;
  /** What a write writes, what a cas compares and sets (`[expected, new]`), what an append adds. */
  input: Json;
  /** What a read returned (ok reads only). */
  output: Json;
  /** Position of the invocation in the history's order (real time). */
  call: number;
  /** Position of the completion, or Infinity for a pending operation. */
  ret: number;
  pending: boolean;
  /** Where the invocation and the completion are in the input (line numbers, or history indices), for messages. */
  callAt: number;
  retAt: number | null;
  /** Times of the invocation and completion as the input gave them (microseconds or nanoseconds), when it did. */
  callTime: number | null;
  retTime: number | null;
}

/** A record that cannot be paired, with where it is. */
export interface PairingProblem {
  at: number;
  message: string;
}

const NAMES: Record<OpFunction, RegisterOp> = { read: "read", get: "read", write: "write", put: "write", cas: "cas", append: "append", delete: "delete" };

/**
 * Pairs `op` records into operations as they arrive, one process at a time: an invocation opens
 * an operation, the next completion of the same process closes it. Feed it in real-time order.
 */
export class OperationBuilder {
  private readonly open = new Map<string, { rec: OpRecord; at: number; pos: number; time: number | null }>();
  private readonly done: Operation[] = [];
  private pos = 0;
  /** Problems found so far; the first stops nothing, so a file reports every bad line. */
  readonly problems: PairingProblem[] = [];

  /** Adds one record; `at` says where it is in the input, `time` is its timestamp if it has one. */
  add(rec: OpRecord, at: number, time: number | null = null): void {
    const problem = validateRecord(rec);
    if (problem) { this.problems.push({ at, message: problem }); return; }
    const process = String(rec.process);
    const pos = this.pos++;
    const open = this.open.get(process);
    if (rec.type === "invoke") {
      if (open) this.problems.push({ at, message: `process ${process} invokes ${rec.f} while its ${open.rec.f} invoked at ${open.at} is still open (a process has one operation at a time; after an info it continues under a new process id)` });
      this.open.set(process, { rec, at, pos, time });
      return;
    }
    if (!open) { this.problems.push({ at, message: `process ${process} completes ${rec.f} (${rec.type}) but invoked nothing` }); return; }
    this.open.delete(process);
    if (NAMES[open.rec.f] !== NAMES[rec.f]) { this.problems.push({ at, message: `process ${process} invoked ${open.rec.f} at ${open.at} but completes ${rec.f}` }); return; }
    if (rec.type === "fail") return;
    const f = NAMES[rec.f];
    // A read whose outcome is unknown tells nothing and changes nothing.
    if (rec.type === "info" && f === "read") return;
    this.push(open.rec, open.at, open.pos, open.time, rec.type === "ok" ? { rec, at, pos, time } : null);
  }

  /** Closes the history: operations still open become pending. Returns every operation. */
  finish(): Operation[] {
    for (const o of [...this.open.values()].sort((a, b) => a.pos - b.pos)) {
      if (NAMES[o.rec.f] !== "read") this.push(o.rec, o.at, o.pos, o.time, null);
    }
    this.open.clear();
    return this.done.sort((a, b) => a.call - b.call).map((o, id) => ({ ...o, id }));
  }

  private push(inv: OpRecord, at: number, pos: number, time: number | null, end: { rec: OpRecord; at: number; pos: number; time: number | null } | null): void {
    const f = NAMES[inv.f];
    this.done.push({
      id: this.done.length, process: String(inv.process), f, name: inv.f, key: inv.key === undefined || inv.key === null ? null : String(inv.key),
      input: f === "read" || f === "delete" ? null : inv.value,
      output: f === "read" && end ? end.rec.value : null,
      call: pos, ret: end ? end.pos : Infinity, pending: end === null,
      callAt: at, retAt: end?.at ?? null, callTime: time, retTime: end?.time ?? null,
    });
  }
}

/** What is wrong with a record's shape, or null. */
export function validateRecord(rec: OpRecord): string | null {
  if (!OP_TYPES.includes(rec.type)) return `type ${JSON.stringify(rec.type)} is not one of ${OP_TYPES.join(", ")}`;
  if (typeof rec.process !== "number" && typeof rec.process !== "string") return `process must be a number or a string, not ${JSON.stringify(rec.process ?? null)}`;
  if (!OP_FUNCTIONS.includes(rec.f)) return `f ${JSON.stringify(rec.f)} is not one of ${OP_FUNCTIONS.join(", ")}`;
  if (rec.key !== undefined && rec.key !== null && typeof rec.key !== "string" && typeof rec.key !== "number") return `key must be a string, not ${JSON.stringify(rec.key)}`;
  if (rec.f === "cas" && rec.type !== "fail" && !(Array.isArray(rec.value) && rec.value.length === 2)) return `value of a cas must be [expected, new], not ${JSON.stringify(rec.value ?? null)}`;
  return null;
}
