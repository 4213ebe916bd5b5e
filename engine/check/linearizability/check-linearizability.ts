import type { Operation, RegisterOp } from "./operation";
import { RegisterMachine } from "./register-machine";
import { searchLinearization } from "./search";
import { explainFailure, type FailureWindow } from "./explain-failure";
import { lineNamed, type PlaceName } from "./describe-operation";

/** The data types the checker knows; every one is split by key (P-compositionality). */
export type ModelName = "register" | "cas-register" | "kv";

/** Every model name, for validation. */
export const MODEL_NAMES: readonly ModelName[] = ["register", "cas-register", "kv"];

/** Which operations each model allows. */
export const MODEL_OPERATIONS: Record<ModelName, readonly RegisterOp[]> = {
  register: ["read", "write"],
  "cas-register": ["read", "write", "cas"],
  kv: ["read", "write", "cas", "append", "delete"],
};

/** The default step budget: about a few seconds of search on this machine. */
export const DEFAULT_STEP_BUDGET = 50_000_000;

/** What the checker is asked. */
export interface LinearizabilityOptions {
  model: ModelName;
  /** Steps for the whole check; past it the answer is `unknown` (deterministic, unlike a time limit). */
  budgetSteps?: number;
  /** Steps for shrinking a failure to its window; the default is the check's budget. */
  explainBudgetSteps?: number;
  /** How messages name a place in the input. */
  place?: PlaceName;
  /** An optional wall-clock limit from the host (the engine reads no clock): `() => true` once time is up; asked between keys and every 2^20 steps. */
  outOfTime?: () => boolean;
}

/** The checker's answer. */
export interface LinearizabilityResult {
  verdict: "linearizable" | "not-linearizable" | "unknown";
  model: ModelName;
  operations: number;
  pending: number;
  /** How many keys (independent registers) were checked. */
  partitions: number;
  steps: number;
  /** For `not-linearizable`: the smallest offending window found. */
  failure: FailureWindow | null;
  /** For `unknown`: the keys whose search ran out of budget. */
  undecided: Array<string | null>;
  /** One sentence for people. */
  message: string;
}

/** An operation the model does not allow, reported before any search. */
export class ModelMismatch extends Error {
  constructor(readonly op: Operation, readonly model: ModelName) {
    super(`${op.name} is not an operation of the ${model} model (it allows ${MODEL_OPERATIONS[model].join(", ")})`);
    this.name = "ModelMismatch";
  }
}

/**
 * Checks that a history of operations is linearizable for `model`: splits it by key, since a
 * map of registers is linearizable exactly when each register is (Herlihy and Wing's locality,
 * which Porcupine calls P-compositionality), searches each key, and for the first key that no
 * order fits shrinks it to a window that is still a witness. Throws ModelMismatch for an
 * operation the model does not have.
 */
export function checkLinearizability(ops: readonly Operation[], options: LinearizabilityOptions): LinearizabilityResult {
  const allowed = MODEL_OPERATIONS[options.model];
  for (const op of ops) if (!allowed.includes(op.f)) throw new ModelMismatch(op, options.model);
  const budget = options.budgetSteps ?? DEFAULT_STEP_BUDGET;
  const place = options.place ?? lineNamed;
  const parts = new Map<string | null, Operation[]>();
  for (const op of ops) {
    let p = parts.get(op.key);
    if (!p) { p = []; parts.set(op.key, p); }
    p.push(op);
  }
  let steps = 0;
  const undecided: Array<string | null> = [];
  const base = { model: options.model, operations: ops.length, pending: ops.filter((o) => o.pending).length, partitions: parts.size };
  for (const [key, part] of parts) {
    if (options.outOfTime?.()) { undecided.push(key); continue; }
    const local = part.map((o, id) => ({ ...o, id }));
    const machine = new RegisterMachine(local);
    const r = searchLinearization(local, machine, machine.initial, Math.max(0, budget - steps), undefined, options.outOfTime);
    steps += r.steps;
    if (r.verdict === "unknown") { undecided.push(key); continue; }
    if (r.verdict === "linearizable") continue;
    const failure = explainFailure(part, options.explainBudgetSteps ?? budget, place);
    return { ...base, verdict: "not-linearizable", steps, failure, undecided, message: `Not linearizable. ${failure.message}` };
  }
  if (undecided.length > 0) {
    const names = undecided.map((k) => (k === null ? "the register" : k)).join(", ");
    return { ...base, verdict: "unknown", steps, failure: null, undecided, message: `Unknown: the search ran out of its budget (${budget} steps, or the time limit) on ${names}; every other key is linearizable.` };
  }
  return { ...base, verdict: "linearizable", steps, failure: null, undecided, message: `Linearizable: ${ops.length} operations on ${parts.size} key(s) fit one order consistent with real time.` };
}
