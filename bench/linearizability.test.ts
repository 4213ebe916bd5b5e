import { describe, expect, it } from "vitest";
import { checkLinearizability } from "../engine/check/linearizability/check-linearizability";
import { generateHistory, operationsOf, type HistoryShape } from "./linearizability";

const shape = (over: Partial<HistoryShape>): HistoryShape => ({ clients: 5, opsPerClient: 60, keys: 2, mix: "rw", stale: false, seed: 3, ...over });

describe("the linearizability bench's histories", () => {
  it("a correct register's history is linearizable, and its operations overlap", () => {
    for (const mix of ["rw", "append"] as const) {
      for (const seed of [1, 2, 3]) {
        const ops = operationsOf(generateHistory(shape({ mix, seed })));
        expect(ops).toHaveLength(300);
        // Overlap: some operation is invoked while another on its key is still running.
        expect(ops.some((a) => ops.some((b) => a !== b && a.key === b.key && a.call < b.call && b.call < a.ret))).toBe(true);
        expect(checkLinearizability(ops, { model: "kv" }).verdict).toBe("linearizable");
      }
    }
  });

  it("one injected stale read makes it not linearizable, and the window names that read", () => {
    for (const mix of ["rw", "append"] as const) {
      const h = generateHistory(shape({ mix, stale: true }));
      const r = checkLinearizability(operationsOf(h), { model: "kv" });
      expect(r.verdict).toBe("not-linearizable");
      expect(r.failure!.culprit.retAt).toBe(h.staleAt! + 1);
    }
  });
});
