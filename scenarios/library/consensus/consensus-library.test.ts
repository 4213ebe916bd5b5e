import { describe, expect, it } from "vitest";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { simulate } from "../../../engine/index";
import type { Simulation } from "../../../engine/run-options";
import { expectEverySeedPasses, loadLibraryFile } from "../library-kit";

const dir = fileURLToPath(new URL(".", import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort();
const load = (file: string, sets: string[] = []) => loadLibraryFile(dir, file, sets);
const check = (sim: Simulation, name: string) => sim.result.checks.find((c) => c.name === name)!;

describe("consensus library: every scenario loads and passes over its seeds", () => {
  for (const file of files) {
    it(`consensus library: ${file} passes for each of its seeds, with a description and narration`, async () => {
      const r = load(file);
      expect(r.scenario.description!.length).toBeGreaterThan(300);
      expect(r.scenario.narration!.length).toBeGreaterThanOrEqual(2);
      await expectEverySeedPasses(file, r);
    }, 120_000);
  }
});

describe("consensus library: what the scenarios show, measured", () => {
  it("raft-bug-vote-not-persisted: n3 votes twice in term 1 and two leaders follow; with the vote persisted, one", async () => {
    const sim = await simulate(load("raft-bug-vote-not-persisted.yaml").scenario);
    expect(check(sim, "election-safety").violations[0].message).toMatch(/^two leaders in term 1: n1\/etcd .* and n2\/etcd/);
    const fixed = await simulate(load("raft-bug-vote-not-persisted.yaml", [0, 1, 2].map((i) => `services.${i}.config.bug=none`)).scenario);
    expect(fixed.result.checks.map((c) => [c.name, c.status])).toEqual([["one-vote-per-term", "held"], ["election-safety", "held"], ["log-matching", "held"], ["state-machine-safety", "held"]]);
  });

  it("raft-bug-figure-8: n1 commits its term-1 entry by counting replicas, n5 overwrites it; the correct rule never commits it", async () => {
    const sim = await simulate(load("raft-bug-figure-8.yaml").scenario);
    expect(check(sim, "state-machine-safety").violations[0].message).toMatch(/^index 2: n1\/etcd applied .* \(term 1\) .* but n5\/etcd applied n5\/etcd\/0#noop2 \(term 2\)/);
    expect(sim.history.find((h) => h.event === "raft-commit" && h.node === "n1" && h.fields.term === 3)!.fields.entryTerm).toBe(1);
    const fixed = await simulate(load("raft-bug-figure-8.yaml", [0, 1, 2].map((i) => `services.${i}.config.bug=none`)).scenario);
    expect(fixed.result.checks.every((c) => c.status === "held")).toBe(true);
    expect(fixed.history.filter((h) => h.event === "raft-commit" && h.node === "n1" && h.fields.term === 3).every((h) => h.fields.entryTerm === 3)).toBe(true);
  });

  it("raft-bug-read-unconfirmed: stale reads only with the bug, the reader's first get among them; the correct leader's minority clients time out instead", async () => {
    const sim = await simulate(load("raft-bug-read-unconfirmed.yaml").scenario);
    const violations = check(sim, "fresh-reads").violations;
    expect(violations.every((v) => /^n[12]\/(client|reader)/.test(v.message))).toBe(true);
    expect(violations.some((v) => /^n1\/reader .* read k0 at 3s /.test(v.message))).toBe(true);
    expect(sim.history.find((h) => h.event === "raft-leader" && Number(h.fields.term) === 2)!.node).toBe("n3");
    const fixed = await simulate(load("raft-bug-read-unconfirmed.yaml", [0, 1, 2].map((i) => `services.${i}.config.bug=none`)).scenario);
    expect(check(fixed, "fresh-reads").status).toBe("held");
    // The linearizability checker agrees, and its window names minority-side clients' operations.
    const lin = check(sim, "linearizable");
    expect(lin.status).toBe("violated");
    const ops = (lin.violations[0].details as { operations: Array<{ address: string; culprit: boolean }> }).operations;
    expect(ops.some((o) => o.culprit && /^n[12]\//.test(o.address))).toBe(true);
    expect(check(fixed, "linearizable").status).toBe("held");
    expect(fixed.history.some((h) => h.event === "op" && h.address === "n1/reader" && h.fields.type === "info" && h.t < 4_000_000)).toBe(true);
  });

  it("raft-minority-leader: n1 stays leader without check-quorum and its clients time out; with check-quorum they are told at once, and without pre-vote the minority's terms climb", async () => {
    const infoOnMinority = (sim: Simulation) => sim.history.filter((h) => h.event === "op" && h.fields.type === "info" && (h.node === "n1" || h.node === "n2") && h.t > 2_500_000 && h.t < 6_000_000).length;
    const plain = await simulate(load("raft-minority-leader.yaml").scenario);
    expect(plain.history.some((h) => h.event === "raft-step-down" && h.t < 6_000_000)).toBe(false);
    expect(infoOnMinority(plain)).toBeGreaterThan(5);
    const cq = ["services.0.config.checkQuorum=true", "services.1.config.checkQuorum=true"];
    const quorum = await simulate(load("raft-minority-leader.yaml", cq).scenario);
    const down = quorum.history.find((h) => h.event === "raft-step-down" && h.node === "n1")!;
    expect(down.t - 2_000_000).toBeLessThan(400_000);
    const maxTerm = (sim: Simulation, node: string) => Math.max(0, ...sim.history.filter((h) => h.node === node && h.event === "raft-role" && h.t < 6_000_000).map((h) => Number(h.fields.term)));
    expect(maxTerm(quorum, "n1")).toBeGreaterThan(maxTerm(quorum, "n4") + 3);
    const both = await simulate(load("raft-minority-leader.yaml", [...cq, "services.0.config.preVote=true", "services.1.config.preVote=true"]).scenario);
    expect(maxTerm(both, "n1")).toBeLessThanOrEqual(maxTerm(both, "n4"));
    for (const s of [plain, quorum, both]) expect(s.result.passed).toBe(true);
  });

  it("etcd-lease-read-clock-drift: lease reads overlap the new leader; ReadIndex reads do not", async () => {
    const sim = await simulate(load("etcd-lease-read-clock-drift.yaml").scenario);
    expect(check(sim, "lease-safety").violations[0].message).toMatch(/^n1\/etcd answered a read under its term-1 lease at .* but n[23]\/etcd had been elected leader of term 2/);
    const index = await simulate(load("etcd-lease-read-clock-drift.yaml", ["services.0.config.reads=read-index", "services.1.config.reads=read-index"]).scenario);
    expect(check(index, "lease-safety").status).toBe("held");
    expect(check(index, "fresh-reads").status).toBe("held");
  });

  it("etcd-lease-read-process-pause (thesis §6.4, lease checked when answering): n1 serves lease reads until its 3 s pause and none after, though it wakes believing it leads; its held gets end through the new leader", async () => {
    for (const seed of [1, 2, 3]) {
      const sim = await simulate(load("etcd-lease-read-process-pause.yaml").scenario, { seed });
      const n1Lease = sim.history.filter((h) => h.event === "raft-lease-read" && h.node === "n1");
      expect(n1Lease.length, `seed ${seed}`).toBeGreaterThan(100);
      expect(n1Lease.filter((h) => h.t >= 3_000_000)).toEqual([]);
      const term2 = sim.history.find((h) => h.event === "raft-leader" && Number(h.fields.term) === 2)!;
      expect(term2.t).toBeGreaterThan(3_000_000);
      expect(term2.t).toBeLessThan(6_000_000);
      // The gets the reader sent n1 during the pause waited (callTimeout 5 s) and were answered after it.
      const held = sim.history.filter((h) => h.event === "op" && h.address === "c1/reader" && h.fields.type === "ok" && h.t >= 6_000_000 && h.t < 6_100_000);
      expect(held.length).toBeGreaterThan(0);
      expect(check(sim, "lease-safety").status).toBe("held");
      expect(check(sim, "fresh-reads").status).toBe("held");
    }
  });

  it("raft-leader-election: no leader while the votes split, a leader within 400 ms of the heal", async () => {
    for (const seed of [1, 2, 3]) {
      const sim = await simulate(load("raft-leader-election.yaml").scenario, { seed });
      const leaders = sim.history.filter((h) => h.event === "raft-leader");
      expect(leaders[0].t).toBeGreaterThan(1_000_000);
      expect(leaders[0].t).toBeLessThan(1_400_000);
      expect(Number(leaders[0].fields.term)).toBeGreaterThan(2);
    }
  });

  it("raft-membership-change: the three changes commit in order and n1 steps down once removed", async () => {
    const sim = await simulate(load("raft-membership-change.yaml").scenario);
    expect(sim.history.filter((h) => h.event === "membership").map((h) => String(h.fields.op))).toEqual(["add-learner", "add-voter", "remove"]);
    expect(sim.history.find((h) => h.event === "raft-step-down")!.fields.reason).toBe("removed");
    expect(sim.history.filter((h) => h.event === "raft-leader" && h.t > 3_000_000).every((h) => h.node !== "n1")).toBe(true);
  });
});

describe("consensus library: the ZooKeeper scenarios, measured", () => {
  // The clients that heard a watch event within 200 ms of the expiry (a follower applies it up to a heartbeat later).
  const woken = (sim: Simulation) => {
    const closed = sim.history.find((h) => h.event === "zk-session-closed" && h.node === "z1")!;
    return new Set(sim.history.filter((h) => h.event === "zk-watch-event" && h.t >= closed.t && h.t < closed.t + 200_000).map((h) => h.address)).size;
  };

  it("zookeeper-session-expiry-herd: c1's expiry wakes all four waiters; the recipe without the herd wakes one, and takes as many locks", async () => {
    const herd = await simulate(load("zookeeper-session-expiry-herd.yaml").scenario);
    const recipe = await simulate(load("zookeeper-lock-recipe-no-herd.yaml").scenario);
    expect(woken(herd)).toBe(4);
    expect(woken(recipe)).toBe(1);
    const c = (sim: Simulation, name: string) => sim.result.metrics.counters[name];
    expect(Math.abs(c(herd, "zk.lock.acquired") - c(recipe, "zk.lock.acquired"))).toBeLessThanOrEqual(2);
    expect(c(herd, "zk.watch.events")).toBeGreaterThan(4 * c(recipe, "zk.watch.events"));
    // c1 let go before its session expired: the lock was never held twice.
    const released = herd.history.find((h) => h.event === "lock-released" && h.address === "c1/client")!;
    expect(released.fields.reason).toBe("disconnected");
    expect(released.t).toBeLessThan(herd.history.find((h) => h.event === "zk-session-closed")!.t);
  });

  it("zookeeper-follower-read-stale: only the client beside the lagging n3 reads stale values; with sync before each read, none does", async () => {
    const plain = await simulate(load("zookeeper-follower-read-stale.yaml").scenario);
    expect(check(plain, "fresh-reads").violations.every((v) => v.message.startsWith("n3/client"))).toBe(true);
    const synced = await simulate(load("zookeeper-sync-read.yaml").scenario);
    expect(check(synced, "fresh-reads").findings![0].message).toMatch(/ 0 stale$/);
    expect(check(synced, "linearizable").status).toBe("held");
  });

  it("zookeeper-bug-ephemeral-survives-expiry: the expired session's znode survives with the bug; with bug: none it is deleted at the expiry and c2 and c3 hear of it", async () => {
    const sim = await simulate(load("zookeeper-bug-ephemeral-survives-expiry.yaml").scenario);
    expect(check(sim, "ephemerals-die-with-session").violations[0].message).toMatch(/^z\d\/zk expired session \d+ at .* but its ephemeral \/members\/c1-client survived$/);
    const fixed = await simulate(load("zookeeper-bug-ephemeral-survives-expiry.yaml", ["services.0.config.bug=none"]).scenario);
    expect(fixed.result.checks.every((c) => c.status === "held")).toBe(true);
    const closed = fixed.history.find((h) => h.event === "zk-session-closed" && h.node === "z1")!;
    expect(fixed.history.some((h) => h.event === "zk-deleted" && h.node === "z1" && h.fields.path === "/members/c1-client" && h.t === closed.t)).toBe(true);
    expect(woken(fixed)).toBe(2);
  });
});
