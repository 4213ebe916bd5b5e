import type { Json } from "../../core/json";

/**
 * The history format the linearizability checker reads, version 1 (docs/history-format.md).
 * A client process records one `op` record when it invokes an operation and one when the
 * operation completes:
 *
 * ```ts
 * rt.record("op", { type: "invoke", process: 3, f: "cas", key: "k1", value: [1, 2] });
 * rt.record("op", { type: "ok",     process: 3, f: "cas", key: "k1", value: [1, 2] });
 * ```
 *
 * A process has at most one operation outstanding. `value` is what Jepsen puts there: for a
 * write the value written, for a cas `[expected, new]`, for a read `null` at invocation and the
 * value read at completion (null for an absent key). Extra fields (`rev`, `error`, ...) are kept
 * and ignored.
 */
export interface OpRecord {
  /** `invoke` opens an operation; `ok` (it happened), `fail` (it certainly did not) or `info` (no one knows) closes it. */
  type: OpType;
  /** The logical client: one operation at a time. After an `info` a client continues under a new process id (Jepsen's rule). */
  process: number | string;
  f: OpFunction;
  /** The key, for key-value histories; registers have none. */
  key?: string;
  value: Json;
  [extra: string]: Json | undefined;
}

/** What an `op` record says happened. */
export type OpType = "invoke" | "ok" | "fail" | "info";

/** The operations the checker's models know; `get`/`put` are `read`/`write` under their key-value names. */
export type OpFunction = "read" | "write" | "cas" | "append" | "get" | "put" | "delete";

/** The history event name the checker reads. */
export const OP_EVENT = "op";

/** Every op type, for validation. */
export const OP_TYPES: readonly OpType[] = ["invoke", "ok", "fail", "info"];

/** Every op function, for validation. */
export const OP_FUNCTIONS: readonly OpFunction[] = ["read", "write", "cas", "append", "get", "put", "delete"];

/** The history format's version, written in the first line of a history file. */
export const HISTORY_FORMAT_VERSION = 1;
