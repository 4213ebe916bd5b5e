import { describe, expect, it } from "vitest";
import { ProducerState } from "./producer-state";

const r = (pid: string, seq: number, offset: number) => ({ id: `${pid}:${seq}`, key: null, pid, seq, n: seq, offset, epoch: 0 });

describe("ProducerState", () => {
  it("accepts the next sequence, answers a retry with its original offset, refuses a gap", () => {
    const s = new ProducerState();
    expect(s.check("p", 0)).toEqual({ kind: "new" });
    s.apply(r("p", 0, 10));
    s.apply(r("p", 1, 11));
    expect(s.check("p", 2)).toEqual({ kind: "new" });
    expect(s.check("p", 1)).toEqual({ kind: "duplicate", offset: 11 });
    expect(s.check("p", 4)).toEqual({ kind: "out-of-order", unknown: false, expected: 2 });
  });

  it("remembers the last five batches per producer, as Kafka does", () => {
    const s = new ProducerState();
    for (let i = 0; i < 7; i++) s.apply(r("p", i, i));
    expect(s.check("p", 2)).toEqual({ kind: "duplicate", offset: 2 });
    expect(s.check("p", 1)).toEqual({ kind: "duplicate", offset: -1 });
  });

  it("an unknown producer must start at sequence 0", () => {
    const s = new ProducerState();
    expect(s.check("q", 3)).toEqual({ kind: "out-of-order", unknown: true, expected: 0 });
  });

  it("non-idempotent records (seq -1) leave no state", () => {
    const s = new ProducerState();
    s.apply(r("p", -1, 0));
    expect(s.check("p", 0)).toEqual({ kind: "new" });
  });
});
