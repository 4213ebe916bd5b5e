import type { JsonObject } from "../../core/json";
import type { CheckerFactory, CheckObserver, CheckOutcome, HistoryEntry } from "../checker";
import { formatMicros } from "../../core/time";
import { OperationBuilder } from "./operation";
import type { OpRecord } from "./op-record";
import { OP_EVENT } from "./op-record";
import { linearizabilityDetails } from "./violation-details";
import { checkLinearizability, DEFAULT_STEP_BUDGET, MODEL_NAMES, ModelMismatch, type LinearizabilityResult, type ModelName } from "./check-linearizability";

/** The `linearizable` checker's parameters. */
export interface LinearizableParams {
  /** `kv` (default), `register` or `cas-register`. */
  model: ModelName;
  /** The record field that names the key (default `key`). */
  keyField: string;
  /** The history event of the records (default `op`). */
  event: string;
  /** The search's step budget; past it the check reports `unknown` as a finding and no violation. */
  budgetSteps: number;
}

/** Reads the checker's parameters, with their defaults. */
export function linearizableParams(p: JsonObject): LinearizableParams {
  const model = (p.model ?? "kv") as ModelName;
  if (!MODEL_NAMES.includes(model)) throw new Error(`linearizable: model must be one of ${MODEL_NAMES.join(", ")}, not ${JSON.stringify(p.model)}`);
  const budget = p.budget ?? p.budgetSteps ?? DEFAULT_STEP_BUDGET;
  if (typeof budget !== "number" || !Number.isInteger(budget) || budget < 1) throw new Error(`linearizable: budget must be a positive whole number of steps, not ${JSON.stringify(budget)}`);
  return { model, keyField: String(p.key ?? p.keyField ?? "key"), event: String(p.event ?? OP_EVENT), budgetSteps: budget };
}

/**
 * Collects a run's `op` records as they are recorded, pairing each invocation with its
 * completion at once, so it keeps only operations and the few fields of each entry a message
 * needs, never the history; the search runs at `finish`, since an operation's place in the
 * order can depend on operations that come after it. Processes are told apart
 * by address and process id, so two clients may number their processes alike.
 */
export class OpCollector implements CheckObserver {
  private readonly builder = new OperationBuilder();
  private readonly entries = new Map<number, { t: number; node: string }>();
  constructor(private readonly params: LinearizableParams) {}

  /** Takes one history entry; entries of other events are ignored. */
  record(h: HistoryEntry): void {
    if (h.event !== this.params.event) return;
    const f = h.fields;
    const key = f[this.params.keyField];
    const rec = { ...f, process: `${h.address}#${String(f.process)}`, key: key === undefined || key === null ? undefined : String(key) } as OpRecord;
    this.entries.set(h.index, { t: h.t, node: h.node });
    this.builder.add(rec, h.index, h.t);
  }

  /** Checks what was collected. */
  finish(): CheckOutcome {
    const ops = this.builder.finish();
    const violations: CheckOutcome["violations"] = this.builder.problems.slice(0, 10).map((p) => {
      const h = this.entries.get(p.at);
      return { message: `malformed op history at #${p.at}: ${p.message}`, t: h?.t ?? 0, nodes: h ? [h.node] : [], history: [p.at], events: [] };
    });
    if (violations.length > 0) return { violations };
    let r: LinearizabilityResult;
    try {
      r = checkLinearizability(ops, { model: this.params.model, budgetSteps: this.params.budgetSteps, place: (at) => this.place(at) });
    } catch (e) {
      if (!(e instanceof ModelMismatch)) throw e;
      return { violations: [{ message: `linearizable: ${e.message} (${this.place(e.op.callAt)})`, t: this.entries.get(e.op.callAt)?.t ?? 0, nodes: [], history: [e.op.callAt], events: [] }] };
    }
    const findings = [{ message: `${r.operations} operations on ${r.partitions} key(s), ${r.pending} pending: ${r.verdict} after ${r.steps} steps`, value: r.operations }];
    if (r.verdict === "unknown") return { violations: [], findings: [...findings, { message: r.message }] };
    if (!r.failure) return { violations: [], findings };
    const at = r.failure.operations.flatMap((o) => (o.retAt === null ? [o.callAt] : [o.callAt, o.retAt]));
    const nodes = [...new Set(at.map((i) => this.entries.get(i)?.node).filter((n): n is string => n !== undefined))];
    const first = this.entries.get(r.failure.culprit.retAt ?? r.failure.culprit.callAt);
    const details = linearizabilityDetails(this.params.model, r.failure, (i) => this.place(i));
    return { violations: [{ message: r.message, t: first?.t ?? 0, nodes, history: at.sort((a, b) => a - b), events: [], details }], findings };
  }

  private place(at: number): string {
    const h = this.entries.get(at);
    return h ? `#${at} (${formatMicros(h.t)})` : `#${at}`;
  }
}

/**
 * `linearizable`: the run's `op` records (the history format of op-record.ts) fit one order
 * consistent with real time, for the model named by `model` (`kv`, `register`, `cas-register`).
 */
export const linearizable: CheckerFactory = (params) => {
  const p = linearizableParams(params);
  return {
    name: "linearizable",
    description: `The clients' operations are linearizable (${p.model} model, split by ${p.keyField}).`,
    events: [p.event],
    start: () => new OpCollector(p),
  };
};
