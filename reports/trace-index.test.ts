import { describe, expect, it } from "vitest";
import type { TraceEvent } from "../engine/trace/trace-event";
import { describeEvent, eventAddress, indexTrace, isDuplicate, nodeOfAddress } from "./trace-index";
import { twoPhaseCommitRun } from "./fixtures/two-phase-commit";

describe("trace index", () => {
  it("index: a delivery or drop that carries only its id is tied to its send", () => {
    const trace = twoPhaseCommitRun().trace!;
    const index = indexTrace(trace);
    const drop = trace.find((e) => e.kind === "drop")!;
    expect(drop.from).toBeUndefined();
    expect(describeEvent(drop, index)).toBe("drop COMMIT n1/coord -> n3/p2: partition");
    expect(eventAddress(drop, index)).toBe("n3/p2");
    const reply = index.messages.get(trace.find((e) => e.kind === "send" && e.type === "RESULT")!.id!)!;
    expect(reply.outcomes.map((o) => isDuplicate(o))).toEqual([false, true]);
  });

  it("index: describing events that name their own endpoints never builds the index", () => {
    const trapped = [] as TraceEvent[];
    trapped[Symbol.iterator] = () => { throw new Error("the index was built"); };
    const index = indexTrace(trapped);
    const deliver: TraceEvent = { t: 5, seq: 1, kind: "deliver", node: "n2", proc: "b", id: 1, from: "n1/a", to: "n2/b", type: "ping" };
    expect(describeEvent(deliver, index)).toBe("deliver ping n1/a -> n2/b");
    expect(eventAddress(deliver, index)).toBe("n2/b");
    expect(() => index.messages).toThrow("the index was built");
  });

  it("describe: each kind reads as one line", () => {
    const index = indexTrace([]);
    const lines = ([
      { t: 0, seq: 0, kind: "start", node: "n1", proc: "a", incarnation: 2 },
      { t: 0, seq: 1, kind: "send", node: "n1", proc: "a", id: 9, from: "n1/a", to: "n2/b", type: "ping", body: { n: 1 } },
      { t: 0, seq: 2, kind: "timer", node: "n1", proc: "a", label: "tick" },
      { t: 0, seq: 3, kind: "crash", node: "n2" },
      { t: 0, seq: 4, kind: "partition", fault: "isolate n2" },
      { t: 0, seq: 5, kind: "record", node: "n1", proc: "a", event: "commit", fields: { tx: 1 } },
      { t: 0, seq: 6, kind: "end", reason: "idle" },
    ] as TraceEvent[]).map((e) => describeEvent(e, index));
    expect(lines).toEqual([
      "start n1/a (incarnation 2)",
      "send ping n1/a -> n2/b {\"n\":1}",
      "timer tick at n1/a",
      "crash n2",
      "isolate n2",
      "record n1/a commit {\"tx\":1}",
      "end: idle",
    ]);
  });

  it("address: the node of an address is the part before the slash", () => {
    expect(nodeOfAddress("n1/coord")).toBe("n1");
    expect(nodeOfAddress("lonely")).toBe("lonely");
  });
});
