import type { Json } from "../../core/json";
import type { Operation } from "./operation";

/** The state a search starts from when it may be any value the register ever held (explanation windows). */
export const ANY_STATE = -2;

/** A transition that is not allowed from that state. */
export const ILLEGAL = -1;

/**
 * One register (one key of a map) as a state machine over interned values: states are small
 * integers, so the search's memo and its stack hold numbers, and each (state, operation) step is
 * computed once. Reads must return the state; writes set it; a cas succeeds only on its
 * expected value (a pending cas may also not take effect); appends concatenate strings or push
 * onto lists; deletes make the key absent (null).
 */
export class RegisterMachine {
  private readonly ids = new Map<string, number>();
  /** The value of each state id. */
  readonly values: Json[] = [];
  /** Per operation: the state a read expects or a cas compares with, and the state a write or cas sets. */
  private readonly want: Int32Array;
  private readonly set: Int32Array;
  private readonly kinds: Uint8Array;
  private readonly pending: Uint8Array;
  private readonly ops: readonly Operation[];
  private readonly appendCache = new Map<number, number>();
  /** States a register could ever hold (initial, every value written): what ANY_STATE ranges over. */
  private readonly possible = new Set<number>();
  /** Estimated bytes the interned states hold (their text twice, and map and cache slots): part of the search's memory budget. */
  bytes = 0;
  /** The state before any operation: the value null (absent). */
  readonly initial: number;

  /**
   * `universe` are the operations whose values ANY_STATE ranges over: the whole partition, when
   * `ops` is a window of it.
   */
  constructor(ops: readonly Operation[], universe: readonly Operation[] = ops) {
    this.ops = ops;
    const n = ops.length;
    this.want = new Int32Array(n).fill(ILLEGAL);
    this.set = new Int32Array(n).fill(ILLEGAL);
    this.kinds = new Uint8Array(n);
    this.pending = new Uint8Array(n);
    this.initial = this.intern(null);
    this.possible.add(this.initial);
    for (let i = 0; i < n; i++) {
      const op = ops[i];
      this.pending[i] = op.pending ? 1 : 0;
      if (op.f === "read") { this.kinds[i] = 0; this.want[i] = this.intern(op.output); }
      else if (op.f === "write") { this.kinds[i] = 1; this.set[i] = this.intern(op.input); this.possible.add(this.set[i]); }
      else if (op.f === "delete") { this.kinds[i] = 1; this.set[i] = this.initial; }
      else if (op.f === "cas") {
        const pair = op.input as Json[];
        this.kinds[i] = 2; this.want[i] = this.intern(pair[0]); this.set[i] = this.intern(pair[1]); this.possible.add(this.set[i]);
      } else this.kinds[i] = 3;
    }
    for (const op of universe) {
      if (op.f === "write") this.possible.add(this.intern(op.input));
      else if (op.f === "cas") this.possible.add(this.intern((op.input as Json[])[1]));
    }
  }

  /** The states ANY_STATE ranges over, in id order. */
  possibleStates(): number[] { return [...this.possible].sort((a, b) => a - b); }

  /** Whether any operation is an append (whose states cannot be enumerated up front). */
  get hasAppends(): boolean { return this.kinds.includes(3); }

  /** The state after operation `i` from `state`, or ILLEGAL. */
  step(state: number, i: number): number {
    switch (this.kinds[i]) {
      case 0:
        if (state === ANY_STATE) return this.possible.has(this.want[i]) ? this.want[i] : ILLEGAL;
        return state === this.want[i] ? state : ILLEGAL;
      case 1: return this.set[i];
      case 2:
        if (state === ANY_STATE) return this.possible.has(this.want[i]) ? this.set[i] : ILLEGAL;
        if (state === this.want[i]) return this.set[i];
        // A pending cas whose comparison failed had no effect; that is one of its possible outcomes.
        return this.pending[i] ? state : ILLEGAL;
      default: return this.append(state, i);
    }
  }

  private append(state: number, i: number): number {
    if (state === ANY_STATE) return ILLEGAL;
    const k = state * this.ops.length + i;
    const hit = this.appendCache.get(k);
    if (hit !== undefined) return hit;
    const cur = this.values[state];
    const add = this.ops[i].input;
    let next: Json;
    if ((cur === null || typeof cur === "string") && typeof add === "string") next = (cur ?? "") + add;
    else if (cur === null || Array.isArray(cur)) next = [...(cur ?? []), add];
    else { this.appendCache.set(k, ILLEGAL); return ILLEGAL; }
    const id = this.intern(next);
    this.appendCache.set(k, id);
    return id;
  }

  /** The state id of a value (values equal as canonical JSON share one id). */
  intern(v: Json): number {
    const k = canonical(v);
    let id = this.ids.get(k);
    if (id === undefined) { id = this.values.length; this.values.push(v); this.ids.set(k, id); this.bytes += 4 * k.length + 96; }
    return id;
  }
}

/** JSON with sorted object keys, so that equal values have equal text. */
export function canonical(v: Json): string {
  if (v === null || typeof v !== "object") return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(",")}}`;
}
