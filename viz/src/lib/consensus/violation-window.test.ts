import { describe, expect, it } from "vitest";
import type { Violation } from "../../../../engine/check/checker";
import type { LinearizabilityDetails, WindowOperation } from "../../../../engine/check/linearizability/violation-details";
import type { Lane } from "../trace/trace-bundle";
import { firstLinearizabilityViolation, violationWindow } from "./violation-window";

const op = (over: Partial<WindowOperation>): WindowOperation => ({ process: "n1/client#0", address: "n1/client", f: "get", key: "k0", input: null, output: 1, t0: 100, t1: 200, pending: false, culprit: false, text: "t", ...over });
const lanes: Lane[] = [{ node: "n1", proc: "etcd", address: "n1/etcd", nodeIndex: 0 }, { node: "n1", proc: "client", address: "n1/client", nodeIndex: 0 }, { node: "n3", proc: "client", address: "n3/client", nodeIndex: 1 }];

function violation(ops: WindowOperation[]): Violation & { details: LinearizabilityDetails } {
  const details: LinearizabilityDetails = { kind: "linearizability", model: "kv", key: "k0", reason: "No order fits.", possibleValues: [2], fromStart: false, operations: ops };
  return { check: "linearizable", message: "Not linearizable.", t: 0, nodes: [], history: [], events: [], seed: 1, replay: "", details };
}

describe("a linearizability violation's window on the diagram", () => {
  it("puts each operation on its client's lane, processes of one client on rows of their own, a pending one to the end", () => {
    const v = violation([
      op({ process: "n1/client#0", f: "put", input: 2, output: null, t0: 100, t1: 300 }),
      op({ process: "n1/client#1", f: "cas", input: [2, 3], output: null, t0: 150, t1: null, pending: true }),
      op({ process: "n3/client#0", address: "n3/client", f: "get", output: 1, t0: 400, t1: 450, culprit: true }),
      op({ process: "x#0", address: "elsewhere/client", t0: 1, t1: 2 }),
    ]);
    const w = violationWindow(v, lanes, 5000);
    expect(w.bars.map((b) => [b.lane, b.row, b.rows, b.t0, b.t1, b.pending, b.culprit, b.label])).toEqual([
      [1, 0, 2, 100, 300, false, false, "put k0 2"],
      [1, 1, 2, 150, 5000, true, false, "cas k0 2→3"],
      [2, 0, 1, 400, 450, false, true, "get k0 → 1"],
    ]);
    expect(w.unplaced).toBe(1);
    expect(w.reason).toBe("No order fits.");
  });

  it("finds the violation among a result's checks only when it carries the linearizability kind", () => {
    const plain = { ...violation([]), details: undefined } as unknown as Violation;
    const v = violation([op({})]);
    const result = { checks: [{ violations: [plain] }, { violations: [v] }] } as never;
    expect(firstLinearizabilityViolation(result)).toBe(v);
    expect(firstLinearizabilityViolation({ checks: [{ violations: [plain] }] } as never)).toBeNull();
  });
});
