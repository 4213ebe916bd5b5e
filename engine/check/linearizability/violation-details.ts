import type { Json } from "../../core/json";
import type { FailureWindow } from "./explain-failure";
import { describeOperation, type PlaceName } from "./describe-operation";

/** One operation of the offending window, as a tool draws it: an interval on its client's lane. */
export type WindowOperation = {
  /** The process as the history named it: `<address>#<process>` in a run. */
  process: string;
  /** The client's address (`n3/client`), where its lane is; null when the history has none. */
  address: string | null;
  /** The operation as the history named it (`get`, `put`, `cas`, ...). */
  f: string;
  key: string | null;
  /** What a write wrote, what a cas compared and set (`[expected, new]`), what an append added. */
  input: Json;
  /** What a read returned. */
  output: Json;
  /** Virtual times (µs) of the invocation and the completion; `t1` is null for a pending operation (it may take effect any time after `t0`, or never). */
  t0: number | null;
  t1: number | null;
  pending: boolean;
  /** The operation that could not take effect in any order. */
  culprit: boolean;
  /** One line for people: `process n3/client#1 get k0 → 3 (ok, #12 (1.2 s) to #15 (1.3 s))`. */
  text: string;
};

/**
 * `details` of a `linearizable` violation (kind `linearizability`): the smallest offending
 * window the checker found, for tools that draw it. Documented in engine/check/checker.ts
 * (`Violation.details`) and docs/cli.md.
 */
export type LinearizabilityDetails = {
  kind: "linearizability";
  model: string;
  key: string | null;
  /** Why no order fits: the checker's sentence (the violation's message without its first words). */
  reason: string;
  /** The values the key could hold when the culprit had to take effect. */
  possibleValues: Json[];
  /** Whether the window starts from the key's initial value (else from any value it ever held). */
  fromStart: boolean;
  operations: WindowOperation[];
};

/** A process name of a run's history (`n3/client#1`) back to its address (`n3/client`). */
export function addressOfProcess(process: string): string | null {
  const hash = process.lastIndexOf("#");
  return hash > 0 ? process.slice(0, hash) : null;
}

/** The details of a failure window, for `Violation.details`. */
export function linearizabilityDetails(model: string, failure: FailureWindow, place: PlaceName): LinearizabilityDetails {
  return {
    kind: "linearizability", model, key: failure.key, reason: failure.message,
    possibleValues: failure.possibleValues, fromStart: failure.fromStart,
    operations: failure.operations.map((o) => ({
      process: o.process, address: addressOfProcess(o.process), f: o.name, key: o.key, input: o.input, output: o.output,
      t0: o.callTime, t1: o.pending ? null : o.retTime, pending: o.pending, culprit: o.callAt === failure.culprit.callAt,
      text: describeOperation(o, place, true),
    })),
  };
}
