import { describe, expect, it } from "vitest";
import { electLeader } from "./elect-leader";

const replicas = ["b1", "b2", "b3"];

describe("electLeader", () => {
  it("clean: the first live in-sync replica in preference order, the dead leave the ISR", () => {
    expect(electLeader({ replicas, isr: ["b1", "b2", "b3"] }, new Set(["b2", "b3"]), false)).toEqual({ leader: "b2", isr: ["b2", "b3"], unclean: false });
    expect(electLeader({ replicas, isr: ["b1", "b3"] }, new Set(["b2", "b3"]), false)).toEqual({ leader: "b3", isr: ["b3"], unclean: false });
  });

  it("unclean.leader.election.enable=false: no live in-sync replica leaves the partition offline, the ISR kept", () => {
    expect(electLeader({ replicas, isr: ["b1"] }, new Set(["b2", "b3"]), false)).toEqual({ leader: null, isr: ["b1"] });
  });

  it("unclean.leader.election.enable=true: an out-of-sync live replica is elected with an ISR of itself", () => {
    expect(electLeader({ replicas, isr: ["b1"] }, new Set(["b3", "b2"]), true)).toEqual({ leader: "b2", isr: ["b2"], unclean: true });
  });

  it("unclean or not, a live in-sync replica is always preferred", () => {
    expect(electLeader({ replicas, isr: ["b1", "b3"] }, new Set(["b2", "b3"]), true)).toEqual({ leader: "b3", isr: ["b3"], unclean: false });
  });

  it("nobody alive: offline even when unclean election is allowed", () => {
    expect(electLeader({ replicas, isr: ["b1"] }, new Set(), true)).toEqual({ leader: null, isr: ["b1"] });
  });
});
