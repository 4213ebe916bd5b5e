import { describe, expect, it } from "vitest";
import { DiskState, DiskView } from "../../../node/disk";
import { PartitionLog } from "./partition-log";

const disk = () => new DiskView(new DiskState(), { alive: true });
const rec = (n: number, pid = "p#0", seq = -1) => ({ id: `p#0:${n}`, key: `k${n % 2}`, pid, seq, n });

describe("PartitionLog", () => {
  it("a crash loses exactly the records appended after the last sync", () => {
    const state = new DiskState();
    const d = new DiskView(state, { alive: true });
    const log = new PartitionLog(d, "t", 0);
    for (let i = 0; i < 5; i++) log.append(rec(i), 0);
    d.sync();
    for (let i = 5; i < 8; i++) log.append(rec(i), 0);
    expect(state.loseUnsynced()).toBe(3);
    const recovered = new PartitionLog(d, "t", 0);
    expect(recovered.leo).toBe(5);
    expect(recovered.read(0, 5, 10).map((r) => r.id)).toEqual([0, 1, 2, 3, 4].map((n) => `p#0:${n}`));
  });

  it("epochEnd: the largest known epoch at most the one asked and where the next epoch starts (KIP-279)", () => {
    const log = new PartitionLog(disk(), "t", 0);
    log.append(rec(0), 0);
    log.append(rec(1), 0);
    log.append(rec(2), 2);
    log.append(rec(3), 4);
    expect(log.epochEnd(0, 5)).toEqual({ epoch: 0, endOffset: 2 });
    expect(log.epochEnd(1, 5)).toEqual({ epoch: 0, endOffset: 2 });
    expect(log.epochEnd(3, 5)).toEqual({ epoch: 2, endOffset: 3 });
    expect(log.epochEnd(5, 5)).toEqual({ epoch: 5, endOffset: 4 });
    expect(log.ownEpochEnd(2)).toBe(3);
    expect(log.ownEpochEnd(-1)).toBe(0);
  });

  it("truncate removes the tail from memory and disk and rebuilds the epoch index", () => {
    const d = disk();
    const log = new PartitionLog(d, "t", 0);
    for (let i = 0; i < 4; i++) log.append(rec(i), i < 2 ? 0 : 1);
    const removed = log.truncate(1);
    expect(removed.map((r) => r.offset)).toEqual([1, 2, 3]);
    expect(log.leo).toBe(1);
    expect(log.lastEpoch).toBe(0);
    expect(d.keys("log/t/0/")).toHaveLength(1);
    expect(log.epochEnd(1, 3)).toEqual({ epoch: 0, endOffset: 1 });
  });

  it("a follower that diverged truncates to where its log agrees with the leader's", () => {
    // Leader: epochs 0,0,2. Follower: epochs 0,0,1,1 (it led epoch 1 briefly, alone).
    const leader = new PartitionLog(disk(), "t", 0);
    [0, 0, 2].forEach((e, i) => leader.append(rec(i), e));
    const follower = new PartitionLog(disk(), "t", 0);
    [0, 0, 1, 1].forEach((e, i) => follower.append(rec(10 + i), e));
    const answer = leader.epochEnd(follower.lastEpoch, 2);
    expect(answer).toEqual({ epoch: 0, endOffset: 2 });
    const to = Math.min(answer.endOffset, follower.ownEpochEnd(answer.epoch));
    expect(to).toBe(2);
  });
});
