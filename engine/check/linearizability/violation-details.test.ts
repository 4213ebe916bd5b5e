import { describe, expect, it } from "vitest";
import type { HistoryEntry } from "../checker";
import { linearizable } from "./history-checker";
import type { LinearizabilityDetails } from "./violation-details";

/** A run's `op` record as the engine hands it to the checker. */
const entry = (index: number, t: number, address: string, fields: HistoryEntry["fields"]): HistoryEntry =>
  ({ t, index, seq: -1, node: address.split("/")[0], proc: address.split("/")[1], address, event: "op", fields });

describe("linearizable: the violation carries the offending window for tools", () => {
  it("names each operation's address, values and virtual times, and which one could not take effect", () => {
    const checker = linearizable({ model: "kv" });
    if (!("start" in checker)) throw new Error("online checker expected");
    const obs = checker.start({ scenario: "s", seed: 1, params: {}, now: 0, healedAt: 0 });
    const h = [
      entry(0, 100, "n1/client", { type: "invoke", process: 0, f: "put", key: "k0", value: 1 }),
      entry(1, 200, "n1/client", { type: "ok", process: 0, f: "put", key: "k0", value: 1 }),
      entry(2, 300, "n1/client", { type: "invoke", process: 0, f: "put", key: "k0", value: 2 }),
      entry(3, 400, "n1/client", { type: "ok", process: 0, f: "put", key: "k0", value: 2 }),
      entry(4, 500, "n3/client", { type: "invoke", process: 1, f: "get", key: "k0", value: null }),
      entry(5, 650, "n3/client", { type: "ok", process: 1, f: "get", key: "k0", value: 1 }),
      // Another key, linearizable: not part of the window.
      entry(6, 700, "n2/client", { type: "invoke", process: 0, f: "put", key: "k1", value: 9 }),
    ];
    for (const e of h) obs.record(e);
    const out = obs.finish({} as never);
    expect(out.violations).toHaveLength(1);
    const d = out.violations[0].details as LinearizabilityDetails;
    expect(d.kind).toBe("linearizability");
    expect(d.key).toBe("k0");
    expect(d.possibleValues).toEqual([2]);
    expect(d.reason).toContain("could only hold 2");
    expect(d.operations.map((o) => [o.address, o.f, o.input, o.output, o.t0, o.t1, o.culprit])).toEqual([
      ["n1/client", "put", 2, null, 300, 400, false],
      ["n3/client", "get", null, 1, 500, 650, true],
    ]);
    expect(d.operations[1].text).toMatch(/get k0 → 1/);
  });
});
