import { describe, expect, it } from "vitest";
import { MS, SECOND } from "../../core/time";
import type { HistoryEntry } from "../../check/checker";
import type { Simulation } from "../../run-options";
import { simulate } from "../../index";
import { commitScenario, type CommitScenarioOptions } from "./commit-scenario";

const C = "c/coordinator";
const P1 = "p1/participant";
const P2 = "p2/participant";
const P3 = "p3/participant";

/** A 2PC run with a 2 ms network, so the times below can be worked out by hand. */
function run2pc(o: Partial<CommitScenarioOptions> = {}): Promise<Simulation> {
  return simulate(commitScenario({ protocol: "2pc", latency: { dist: "constant", value: 2 * MS }, duration: 5 * SECOND, ...o }));
}

const events = (sim: Simulation, event: string, address?: string) =>
  sim.history.filter((h) => h.event === event && (address === undefined || h.address === address));
const decision = (sim: Simulation, address: string, txn: string): HistoryEntry | undefined =>
  sim.history.find((h) => h.event === "decide" && h.address === address && h.fields.txn === txn);
const sends = (sim: Simulation, type: string) => sim.trace!.events().filter((e) => e.kind === "send" && e.type === type);
const check = (sim: Simulation, name: string) => sim.result.checks.find((c) => c.name === name)!;
const finding = (sim: Simulation, prefix: string) => check(sim, "blocking").findings.find((f) => f.message.includes(prefix));

describe("2pc: failure-free runs", () => {
  it("2pc: happy path: every transaction commits everywhere with 4 messages per participant", async () => {
    const sim = await run2pc({ client: { count: 40, rate: 20 } });
    expect(sim.result.passed).toBe(true);
    expect(sim.result.checks.map((c) => c.status)).toEqual(["held", "held", "held", "held"]);
    const told = events(sim, "txn-outcome");
    expect(told).toHaveLength(40);
    expect(told.every((h) => h.fields.outcome === "commit")).toBe(true);
    for (const p of [P1, P2, P3]) expect(events(sim, "decide", p).filter((h) => h.fields.outcome === "commit")).toHaveLength(40);
    // Presumed abort's commit path: VOTE-REQ, YES, COMMIT, ACK per participant, nothing else.
    for (const type of ["vote-request", "vote", "commit", "ack"]) expect(sends(sim, type)).toHaveLength(120);
    expect(sends(sim, "abort")).toHaveLength(0);
    expect(sends(sim, "decision-request")).toHaveLength(0);
    expect(finding(sim, "no participant was blocked")?.value).toBe(0);
  });

  it("2pc: presumed abort: one NO vote aborts everywhere, and the abort is neither forced nor acknowledged", async () => {
    const sim = await run2pc({ client: { count: 3, rate: 20 }, participant: (i) => (i === 1 ? { vote: ["yes", "no"] } : {}) });
    expect(sim.result.passed).toBe(true);
    const txn = "client#2";
    expect(events(sim, "txn-outcome").map((h) => h.fields.outcome)).toEqual(["commit", "abort", "commit"]);
    expect(decision(sim, P2, txn)?.fields).toMatchObject({ outcome: "abort", via: "voted-no" });
    expect(decision(sim, C, txn)?.fields).toMatchObject({ outcome: "abort", reason: "voted-no" });
    for (const p of [P1, P3]) expect(decision(sim, p, txn)?.fields).toMatchObject({ outcome: "abort", via: "coordinator" });
    // ABORT goes to the two YES voters only, and nobody acknowledges it.
    expect(sends(sim, "abort").map((e) => e.to).sort()).toEqual([P1, P3]);
    expect(sends(sim, "ack").filter((e) => (e.body as { txn: string }).txn === txn)).toHaveLength(0);
  });

  it("2pc: presumed nothing: the same abort is forced and acknowledged by both YES voters", async () => {
    const cfg = { presumption: "nothing" };
    const sim = await run2pc({ client: { count: 3, rate: 20 }, coordinator: cfg, participant: (i) => (i === 1 ? { ...cfg, vote: ["yes", "no"] } : cfg) });
    expect(sim.result.passed).toBe(true);
    const acks = sends(sim, "ack").filter((e) => (e.body as { txn: string }).txn === "client#2");
    expect(acks.map((e) => e.from).sort()).toEqual([P1, P3]);
  });

  it("2pc: presumed abort: a read-only participant drops out of phase two", async () => {
    const sim = await run2pc({ client: { count: 5, rate: 20 }, participant: (i) => (i === 2 ? { vote: "read-only" } : {}) });
    expect(sim.result.passed).toBe(true);
    expect(events(sim, "txn-outcome").every((h) => h.fields.outcome === "commit")).toBe(true);
    expect(sends(sim, "commit").map((e) => e.to).filter((to) => to === P3)).toHaveLength(0);
    expect(sends(sim, "commit")).toHaveLength(10);
    expect(events(sim, "decide", P3)).toHaveLength(0);
  });

  it("2pc: presumed abort: when every participant is read-only there is no phase two at all", async () => {
    const sim = await run2pc({ client: { count: 2, rate: 20 }, participant: { vote: "read-only" } });
    expect(sim.result.passed).toBe(true);
    expect(events(sim, "txn-outcome").map((h) => h.fields.outcome)).toEqual(["commit", "commit"]);
    expect(events(sim, "decide", C).map((h) => h.fields.reason)).toEqual(["read-only", "read-only"]);
    expect(sends(sim, "commit")).toHaveLength(0);
  });
});

describe("2pc: coordinator failures", () => {
  it("2pc: a coordinator that crashes after forcing COMMIT blocks every participant until it restarts", async () => {
    const sim = await run2pc({
      client: { count: 1 },
      triggers: [{ when: { on: "record", from: C, type: "decide" }, do: { action: "crash", node: "c" }, duration: 3 * SECOND }],
    });
    expect(sim.result.passed).toBe(true);
    const coord = decision(sim, C, "client#1")!;
    for (const p of [P1, P2, P3]) {
      // Uncertain, then a termination round in which every peer is uncertain and the coordinator silent.
      const blocked = events(sim, "blocked", p)[0];
      expect(blocked.fields).toMatchObject({ round: 1, asked: 3, answered: 2, uncertain: 2 });
      const d = decision(sim, p, "client#1")!;
      expect(d.fields).toMatchObject({ outcome: "commit", via: "coordinator" });
      // The restarted coordinator finds COMMIT in its log and re-sends it: 2 ms away, 1 ms to force.
      expect(d.t).toBe(coord.t + 3 * SECOND + 2 * MS + 1 * MS);
      expect(d.t - blocked.t).toBeGreaterThan(1.8 * SECOND);
    }
    const summary = finding(sim, "participant-transaction(s) blocked")!;
    expect(summary.message).toMatch(/^3 participant-transaction\(s\) blocked in 1 transaction/);
    const longest = finding(sim, "longest blocked period")!.value!;
    expect(summary.value).toBe(3 * longest);
    expect(longest).toBe(decision(sim, P1, "client#1")!.t - events(sim, "blocked", P1)[0].t);
    expect(check(sim, "atomicity").status).toBe("held");
  });

  it("2pc: a coordinator that crashes before deciding presumes abort after it restarts", async () => {
    const sim = await run2pc({
      client: { count: 1 },
      triggers: [{ when: { on: "deliver", to: C, type: "vote", nth: 3 }, do: { action: "crash", node: "c" }, duration: 3 * SECOND }],
    });
    expect(sim.result.passed).toBe(true);
    expect(decision(sim, C, "client#1")?.fields).toMatchObject({ outcome: "abort", reason: "presumed" });
    for (const p of [P1, P2, P3]) {
      expect(events(sim, "blocked", p)).toHaveLength(1);
      expect(decision(sim, p, "client#1")?.fields).toMatchObject({ outcome: "abort", via: "coordinator" });
    }
    expect(events(sim, "txn-outcome")[0].fields).toMatchObject({ outcome: "abort", via: "status" });
  });

  it("2pc: cooperative termination: after COMMIT reached p1 only, p2 and p3 learn it from p1 without blocking", async () => {
    const sim = await run2pc({
      client: { count: 1 },
      triggers: [{ when: { on: "send", from: C, to: P1, type: "commit" }, do: { action: "crash", node: "c" } }],
    });
    expect(sim.result.passed).toBe(true);
    expect(decision(sim, P1, "client#1")?.fields).toMatchObject({ outcome: "commit", via: "coordinator" });
    for (const p of [P2, P3]) {
      expect(decision(sim, p, "client#1")?.fields).toMatchObject({ outcome: "commit", via: "peer" });
      expect(events(sim, "termination-start", p)).toHaveLength(1);
    }
    expect(events(sim, "blocked")).toHaveLength(0);
    // Uncertain for the decision timeout (1 s), plus one round trip to p1 and a forced write.
    const end = events(sim, "uncertain-end", P2)[0];
    expect(end.fields.uncertain).toBe(1 * SECOND + 4 * MS + 1 * MS);
  });

  it("2pc: without cooperative termination the same crash leaves p2 and p3 blocked, and termination fails", async () => {
    const sim = await run2pc({
      client: { count: 1 }, duration: 10 * SECOND,
      participant: { termination: "coordinator-only" },
      triggers: [{ when: { on: "send", from: C, to: P1, type: "commit" }, do: { action: "crash", node: "c" } }],
    });
    expect(decision(sim, P2, "client#1")).toBeUndefined();
    expect(decision(sim, P3, "client#1")).toBeUndefined();
    expect(finding(sim, "participant-transaction(s) blocked")?.message).toMatch(/^2 .*2 still blocked when the run ended/);
    const termination = check(sim, "commit-termination");
    expect(termination.status).toBe("violated");
    expect(termination.violations.map((v) => v.nodes[0]).sort()).toEqual(["p2", "p3"]);
    expect(check(sim, "atomicity").status).toBe("held");
  });
});

describe("2pc: timeouts and recovery", () => {
  it("2pc: participants that never get VOTE-REQ abort alone after voteRequestTimeout", async () => {
    const sim = await run2pc({ client: { count: 1 }, faults: [{ at: 0, action: "crash", node: "c" }] });
    for (const p of [P1, P2, P3]) {
      const d = decision(sim, p, "client#1")!;
      expect(d.fields).toMatchObject({ outcome: "abort", via: "vote-request-timeout" });
      const work = sim.trace!.events().find((e) => e.kind === "deliver" && e.type === "work" && e.to === p)!;
      expect(d.t - work.t).toBe(2 * SECOND);
    }
    expect(check(sim, "atomicity").status).toBe("held");
  });

  it("2pc: the coordinator aborts when a vote is missing after voteTimeout", async () => {
    const sim = await run2pc({ client: { count: 1 }, faults: [{ at: 0, action: "crash", node: "p3" }] });
    expect(sim.result.passed).toBe(true);
    const c = decision(sim, C, "client#1")!;
    expect(c.fields).toMatchObject({ outcome: "abort", reason: "vote-timeout" });
    const begin = events(sim, "begin", C)[0];
    expect(c.t - begin.t).toBe(500 * MS);
    for (const p of [P1, P2]) expect(decision(sim, p, "client#1")?.fields).toMatchObject({ outcome: "abort", via: "coordinator" });
  });

  it("2pc: a participant that restarts with YES logged and no decision is uncertain again and asks", async () => {
    const sim = await run2pc({
      client: { count: 1 },
      // p2 crashes as it records its YES: forced to the log, but never sent.
      triggers: [{ when: { on: "record", from: P2, type: "vote" }, do: { action: "crash", node: "p2" }, duration: 1 * SECOND }],
    });
    expect(sim.result.passed).toBe(true);
    expect(decision(sim, C, "client#1")?.fields).toMatchObject({ outcome: "abort", reason: "vote-timeout" });
    const restart = events(sim, "uncertain-start", P2);
    expect(restart.map((h) => h.fields.recovery)).toEqual([true]);
    expect(decision(sim, P2, "client#1")?.fields).toMatchObject({ outcome: "abort", via: "coordinator" });
  });

  it("2pc: presumed nothing: a restarted coordinator aborts what it was collecting and waits for every ack", async () => {
    const cfg = { presumption: "nothing" };
    const sim = await run2pc({
      client: { count: 1 }, coordinator: cfg, participant: cfg,
      triggers: [{ when: { on: "deliver", to: C, type: "vote", nth: 3 }, do: { action: "crash", node: "c" }, duration: 1 * SECOND }],
    });
    expect(sim.result.passed).toBe(true);
    expect(decision(sim, C, "client#1")?.fields).toMatchObject({ outcome: "abort", reason: "recovery" });
    for (const p of [P1, P2, P3]) expect(decision(sim, p, "client#1")?.fields).toMatchObject({ outcome: "abort", via: "coordinator" });
    expect(sends(sim, "ack").map((e) => e.from).sort()).toEqual([P1, P2, P3]);
  });

  it("2pc: the same seed replays the same run under a random crash nemesis", async () => {
    const o: Partial<CommitScenarioOptions> = {
      seed: 11, client: { count: 60, rate: 20 },
      nemesis: { mix: { crash: 1 }, interval: { dist: "exponential", mean: 500 * MS }, duration: { dist: "uniform", min: 100 * MS, max: 800 * MS } },
    };
    const [a, b] = [await run2pc(o), await run2pc(o)];
    expect(a.result.faults.length).toBeGreaterThan(0);
    expect(a.result.traceHash).toBe(b.result.traceHash);
    expect(a.history).toEqual(b.history);
  });
});
