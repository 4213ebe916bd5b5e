import { describe, expect, it } from "vitest";
import { simulate } from "../../index";
import { MS, SECOND } from "../../core/time";
import type { Simulation } from "../../run-options";
import { etcdScenario, type EtcdScenarioOptions } from "./consensus-scenario";

const sim = (o: EtcdScenarioOptions) => simulate(etcdScenario(o), { recording: "off" });
const failed = (s: Simulation) => s.result.checks.filter((c) => !c.passed).map((c) => `${c.name}: ${c.violations[0]?.message}`);
const leaders = (s: Simulation) => s.history.filter((h) => h.event === "raft-leader").map((h) => ({ t: h.t, who: h.node, term: Number(h.fields.term) }));
const maxTerm = (s: Simulation, node: string) => Math.max(0, ...s.history.filter((h) => h.node === node && h.event === "raft-role").map((h) => Number(h.fields.term)));
const ops = (s: Simulation, type: string) => s.history.filter((h) => h.event === "op" && h.fields.type === type).length;

describe("raft server", () => {
  it("raft: etcd profile: the first leader is elected after the 1000 ms election timeout, and before twice that (ETCD heartbeat 100 ms, election 1000 ms)", async () => {
    const s = await sim({ profile: "etcd", duration: 4 * SECOND });
    const [first, ...rest] = leaders(s);
    expect(first.t).toBeGreaterThan(1000 * MS);
    expect(first.t).toBeLessThan(2100 * MS);
    expect(rest).toEqual([]);
    expect(failed(s)).toEqual([]);
    expect(ops(s, "ok")).toBeGreaterThan(50);
  });

  it("raft: raft-paper profile: the randomized 150-300 ms timeouts elect a leader within 350 ms on every seed", async () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const s = await sim({ seed, profile: "raft-paper", duration: 1 * SECOND });
      expect(leaders(s)[0].t, `seed ${seed}`).toBeLessThan(350 * MS);
    }
  });

  it("raft: a crashed leader is replaced in a later term; the safety checks hold and clients go on", async () => {
    const first = leaders(await sim({ duration: 2 * SECOND }))[0];
    const s = await sim({ duration: 6 * SECOND, faults: [{ at: 2 * SECOND, action: "crash", node: first.who, duration: 2 * SECOND }] });
    const after = leaders(s).filter((l) => l.t > 2 * SECOND);
    expect(after.length).toBeGreaterThan(0);
    expect(after[0].term).toBeGreaterThan(first.term);
    expect(after[0].t - 2 * SECOND).toBeLessThan(700 * MS);
    expect(failed(s)).toEqual([]);
    expect(s.history.filter((h) => h.event === "op" && h.fields.type === "ok" && h.t > 4 * SECOND).length).toBeGreaterThan(20);
  });

  it("raft: pre-vote (thesis §9.6): a follower cut off for 3 s rejoins without bumping the term; without pre-vote it does", async () => {
    const first = leaders(await sim({ duration: 1 * SECOND }))[0];
    const other = ["n1", "n2", "n3"].find((n) => n !== first.who)!;
    const run = (preVote: boolean) => sim({ duration: 6 * SECOND, server: { preVote }, faults: [{ at: 1 * SECOND, action: "isolate", node: other, duration: 3 * SECOND }] });
    const plain = await run(false);
    const pre = await run(true);
    expect(maxTerm(plain, other)).toBeGreaterThan(5);
    expect(leaders(plain).length).toBeGreaterThan(1);
    expect(maxTerm(pre, other)).toBe(first.term);
    expect(leaders(pre)).toHaveLength(1);
    expect([...failed(plain), ...failed(pre)]).toEqual([]);
  });

  it("raft: check-quorum (thesis §6.2): a leader cut off from the majority steps down within two election timeouts; without it, it stays leader", async () => {
    const first = leaders(await sim({ duration: 1 * SECOND }))[0];
    const run = (checkQuorum: boolean) => sim({ duration: 4 * SECOND, server: { checkQuorum }, faults: [{ at: 1 * SECOND, action: "isolate", node: first.who, duration: 2 * SECOND }] });
    const with_ = await run(true);
    const down = with_.history.find((h) => h.event === "raft-step-down" && h.node === first.who)!;
    expect(down.fields.reason).toBe("check-quorum");
    expect(down.t - 1 * SECOND).toBeLessThan(300 * MS);
    const without = await run(false);
    expect(without.history.some((h) => h.event === "raft-step-down" && h.node === first.who && h.t < 3 * SECOND)).toBe(false);
  });

  it("raft: snapshots compact the log, and a follower that missed the compacted entries gets InstallSnapshot", async () => {
    const s = await sim({ duration: 6 * SECOND, server: { snapshotEvery: 50 }, faults: [{ at: 1 * SECOND, action: "crash", node: "n3", duration: 3 * SECOND }] });
    const installed = s.history.filter((h) => h.event === "raft-snapshot-installed");
    // n3 may lead itself; either way somebody behind got a snapshot, or n3 was the leader and sent them.
    expect(installed.length + s.history.filter((h) => h.event === "raft-leader" && h.node === "n3").length).toBeGreaterThan(0);
    expect(failed(s)).toEqual([]);
  });

  it("raft: membership: a learner is added and promoted, then a voter removed; the cluster keeps committing and n4 applies", async () => {
    const scenario = etcdScenario({ servers: 4, clients: 3, duration: 8 * SECOND, server: { voters: ["n1/etcd", "n2/etcd", "n3/etcd"] } });
    scenario.processes.push({ node: "n4", name: "admin", kind: "etcd-admin", config: { changes: [
      { at: "1s", op: "add-learner", address: "n4/etcd" }, { at: "2s", op: "add-voter", address: "n4/etcd" }, { at: "3s", op: "remove", address: "n1/etcd" },
    ] } });
    const s = await simulate(scenario, { recording: "off" });
    expect(s.history.filter((h) => h.event === "membership").map((h) => `${String(h.fields.op)} ${String(h.fields.ok)}`)).toEqual(["add-learner true", "add-voter true", "remove true"]);
    expect(s.history.filter((h) => h.event === "raft-apply" && h.node === "n4").length).toBeGreaterThan(50);
    expect(s.history.filter((h) => h.event === "op" && h.fields.type === "ok" && h.t > 5 * SECOND).length).toBeGreaterThan(20);
    expect(failed(s)).toEqual([]);
  });

  it("raft: lease reads answer without a heartbeat round; ReadIndex reads never use the lease", async () => {
    const lease = await sim({ duration: 3 * SECOND, server: { reads: "lease" } });
    const index = await sim({ duration: 3 * SECOND });
    const leaseReads = (s: Simulation) => s.history.filter((h) => h.event === "raft-lease-read").length;
    expect(leaseReads(lease)).toBeGreaterThan(20);
    expect(leaseReads(index)).toBe(0);
    expect([...failed(lease), ...failed(index)]).toEqual([]);
  });
});
