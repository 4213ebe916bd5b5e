import { describe, expect, it } from "vitest";
import { raftView } from "./raft-view";

describe("a Raft server's state for the state panel", () => {
  it("reads role, term, indices and the log tail, marking what is committed and applied", () => {
    const v = raftView({ role: "leader", term: 3, leader: "n1/etcd", lastIndex: 7, commit: 6, applied: 5, snapshot: 0,
      tail: [{ index: 4, term: 2, what: "put k0" }, { index: 5, term: 3, what: "no-op" }, { index: 6, term: 3, what: "put k1" }, { index: 7, term: 3, what: "cas k0" }, { bad: 1 }] });
    expect(v).not.toBeNull();
    expect([v!.role, v!.term, v!.lastIndex, v!.commit, v!.applied]).toEqual(["leader", 3, 7, 6, 5]);
    expect(v!.entries.map((e) => [e.index, e.term, e.what, e.committed, e.applied])).toEqual([
      [4, 2, "put k0", true, true], [5, 3, "no-op", true, true], [6, 3, "put k1", true, false], [7, 3, "cas k0", false, false]]);
  });

  it("is null for a state that is not a Raft server's", () => {
    expect(raftView({ state: "closed" })).toBeNull();
    expect(raftView({ role: "leader", term: "3", lastIndex: 1, commit: 1 })).toBeNull();
    expect(raftView(null)).toBeNull();
  });
});
