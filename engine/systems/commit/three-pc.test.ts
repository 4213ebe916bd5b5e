import { describe, expect, it } from "vitest";
import { MS, SECOND } from "../../core/time";
import type { HistoryEntry } from "../../check/checker";
import type { Simulation } from "../../run-options";
import { run, simulate } from "../../index";
import { commitScenario, type CommitScenarioOptions } from "./commit-scenario";

const C = "c/coordinator";
const P1 = "p1/participant";
const P2 = "p2/participant";
const P3 = "p3/participant";

/** A 3PC run with a 2 ms network, so the times below can be worked out by hand. */
function run3pc(o: Partial<CommitScenarioOptions> = {}): Promise<Simulation> {
  return simulate(commitScenario({ protocol: "3pc", latency: { dist: "constant", value: 2 * MS }, duration: 5 * SECOND, ...o }));
}

const events = (sim: Simulation, event: string, address?: string) =>
  sim.history.filter((h) => h.event === event && (address === undefined || h.address === address));
const decision = (sim: Simulation, address: string, txn = "client#1"): HistoryEntry | undefined =>
  sim.history.find((h) => h.event === "decide" && h.address === address && h.fields.txn === txn);
const sends = (sim: Simulation, type: string) => sim.trace!.events().filter((e) => e.kind === "send" && e.type === type);
const check = (sim: Simulation, name: string) => sim.result.checks.find((c) => c.name === name)!;
const blockedTotal = (sim: Simulation) => check(sim, "blocking").findings[0].value;

/** The coordinator crashes the moment the third YES reaches it, and never comes back. */
const crashOnLastVote = [{ when: { on: "deliver" as const, to: C, type: "vote", nth: 3 }, do: { action: "crash" as const, node: "c" } }];

describe("3pc: failure-free runs", () => {
  it("3pc: happy path: every transaction commits with 6 messages per participant", async () => {
    const sim = await run3pc({ client: { count: 40, rate: 20 } });
    expect(sim.result.passed).toBe(true);
    expect(events(sim, "txn-outcome").every((h) => h.fields.outcome === "commit")).toBe(true);
    expect(events(sim, "txn-outcome")).toHaveLength(40);
    for (const type of ["can-commit", "vote", "pre-commit", "pre-commit-ack", "do-commit", "ack"]) expect(sends(sim, type)).toHaveLength(120);
    for (const p of [P1, P2, P3]) expect(events(sim, "pre-commit", p)).toHaveLength(40);
  });
});

describe("3pc: crash failures do not block", () => {
  it("3pc: the coordinator crashes after the votes: p1 is elected, finds everyone uncertain, and aborts", async () => {
    const sim = await run3pc({ triggers: crashOnLastVote, client: { count: 1 } });
    expect(sim.result.passed).toBe(true);
    const elected = events(sim, "elected");
    expect(elected).toHaveLength(1);
    expect(elected[0].address).toBe(P1);
    expect(elected[0].fields).toMatchObject({ live: [P1, P2, P3], states: { [P1]: "uncertain", [P2]: "uncertain", [P3]: "uncertain" } });
    expect(decision(sim, P1)?.fields).toMatchObject({ outcome: "abort", via: "elected" });
    for (const p of [P2, P3]) expect(decision(sim, p)?.fields).toMatchObject({ outcome: "abort", via: "peer" });
    expect(blockedTotal(sim)).toBe(0);
    // Decision timeout (1 s) and one round of state requests (100 ms); p1 forces ABORT (1 ms),
    // sends it (2 ms), and p2 forces it too (1 ms): 3PC participants force aborts, since no
    // coordinator presumes one for them.
    const vote = events(sim, "vote", P2)[0];
    expect(decision(sim, P2)!.t - vote.t).toBe(1 * SECOND + 100 * MS + 1 * MS + 2 * MS + 1 * MS);
  });

  it("3pc: the coordinator crashes after PRE-COMMIT reached p1 only: p1 pre-commits the others, then commits", async () => {
    const sim = await run3pc({
      client: { count: 1 },
      triggers: [{ when: { on: "send", from: C, to: P1, type: "pre-commit" }, do: { action: "crash", node: "c" } }],
    });
    expect(sim.result.passed).toBe(true);
    expect(events(sim, "elected")[0].fields.states).toEqual({ [P1]: "committable", [P2]: "uncertain", [P3]: "uncertain" });
    for (const p of [P2, P3]) expect(events(sim, "pre-commit", p)[0].fields.from).toBe(P1);
    expect(decision(sim, P1)?.fields).toMatchObject({ outcome: "commit", via: "elected" });
    for (const p of [P2, P3]) expect(decision(sim, p)?.fields).toMatchObject({ outcome: "commit", via: "peer" });
    expect(blockedTotal(sim)).toBe(0);
  });

  it("3pc: the coordinator crashes after forcing COMMIT: the committable participants commit without it", async () => {
    const sim = await run3pc({
      client: { count: 1 },
      triggers: [{ when: { on: "record", from: C, type: "decide" }, do: { action: "crash", node: "c" } }],
    });
    expect(sim.result.passed).toBe(true);
    expect(decision(sim, C)?.fields.outcome).toBe("commit");
    for (const p of [P1, P2, P3]) expect(decision(sim, p)?.fields.outcome).toBe("commit");
    expect(blockedTotal(sim)).toBe(0);
  });

  it("3pc: when the elected participant crashes too, the next one takes over, and the first learns on recovery", async () => {
    const sim = await run3pc({
      client: { count: 1 },
      triggers: [
        { when: { on: "send", from: C, to: P1, type: "pre-commit" }, do: { action: "crash", node: "c" } },
        { when: { on: "record", from: P1, type: "elected" }, do: { action: "crash", node: "p1" }, duration: 2 * SECOND },
      ],
    });
    expect(sim.result.passed).toBe(true);
    const elected = events(sim, "elected");
    expect(elected.map((h) => h.address)).toEqual([P1, P2]);
    // p1 died before its PRE-COMMITs left; the survivors are both uncertain: abort is safe.
    expect(elected[1].fields).toMatchObject({ live: [P2, P3], states: { [P2]: "uncertain", [P3]: "uncertain" } });
    expect(decision(sim, P2)?.fields).toMatchObject({ outcome: "abort", via: "elected" });
    expect(events(sim, "uncertain-start", P1).map((h) => h.fields.recovery)).toEqual([false, true]);
    expect(decision(sim, P1)?.fields).toMatchObject({ outcome: "abort", via: "peer" });
    expect(blockedTotal(sim)).toBe(0);
  });

  it("3pc versus 2pc: the same coordinator crash blocks 2PC to the end of the run; 3PC decides in 1.1 s", async () => {
    const o = { triggers: crashOnLastVote, client: { count: 1 }, duration: 10 * SECOND };
    const three = await run3pc(o);
    const two = await simulate(commitScenario({ protocol: "2pc", latency: { dist: "constant", value: 2 * MS }, ...o }));
    expect(blockedTotal(three)).toBe(0);
    for (const p of [P1, P2, P3]) expect(decision(three, p)?.fields.outcome).toBe("abort");
    for (const p of [P1, P2, P3]) expect(decision(two, p)).toBeUndefined();
    const blocked2 = check(two, "blocking").findings[0];
    expect(blocked2.message).toMatch(/^3 participant-transaction\(s\) blocked .* 3 still blocked when the run ended/);
    expect(blocked2.value).toBeGreaterThan(3 * 8 * SECOND);
    expect(check(two, "commit-termination").status).toBe("violated");
    expect(check(three, "commit-termination").status).toBe("held");
  });

  it("3pc: under a random crash nemesis no participant blocks, where 2pc blocks in some seeds", async () => {
    const blocked = { "2pc": [] as number[], "3pc": [] as number[] };
    for (const protocol of ["2pc", "3pc"] as const) {
      for (let seed = 1; seed <= 6; seed++) {
        const r = await run(commitScenario({
          protocol, seed, duration: 12 * SECOND, client: { count: 150, rate: 20 },
          nemesis: { mix: { crash: 1 }, interval: { dist: "exponential", mean: 700 * MS }, duration: { dist: "uniform", min: 100 * MS, max: 1500 * MS }, targets: ["c", "p1", "p2", "p3"] },
        }), { recording: "off" });
        expect(r.faults.length, `${protocol} seed ${seed}`).toBeGreaterThan(5);
        expect(r.checks.map((c) => `${c.name}: ${c.status}`), `${protocol} seed ${seed}`)
          .toEqual(["atomicity: held", "validity: held", "blocking: held", "commit-termination: held"]);
        blocked[protocol].push(r.checks[2].findings[0].value!);
      }
    }
    expect(blocked["3pc"]).toEqual([0, 0, 0, 0, 0, 0]);
    // The same crashes catch 2PC participants uncertain with the coordinator down in seeds 4-6.
    expect(blocked["2pc"].filter((b) => b > 0).length).toBeGreaterThanOrEqual(2);
  }, 180_000);
});

describe("3pc: a network partition breaks atomicity", () => {
  it("3pc: a partition between PRE-COMMIT and its arrival: one side commits, the other elects a leader and aborts", async () => {
    // Without faults, the coordinator sends PRE-COMMIT at T (once the third YES is in) and it
    // arrives 2 ms later. A partition {c, p1, client} | {p2, p3} starting at T + 1 ms lets p1's
    // PRE-COMMIT through and drops p2's and p3's. The coordinator takes their silence for a crash
    // and commits when its ack timeout expires (BHG's rule); p1 commits. p2 and p3 time out
    // uncertain, elect p2 (p1 is unreachable), see only uncertain states, and abort.
    const calm = await run3pc({ client: { count: 1 } });
    const t = events(calm, "pre-commit", C)[0].t;
    const sim = await run3pc({
      client: { count: 1 },
      faults: [{ at: t + 1 * MS, action: "partition", groups: [["c", "p1", "client"], ["p2", "p3"]], duration: 3 * SECOND }],
      checks: [{ name: "atomicity", expect: "violate" }, { name: "validity" }, { name: "commit-termination" }],
    });
    expect(sim.result.passed).toBe(true);
    expect(decision(sim, C)?.fields).toMatchObject({ outcome: "commit", reason: "ack-timeout" });
    expect(decision(sim, P1)?.fields).toMatchObject({ outcome: "commit", via: "coordinator" });
    expect(decision(sim, P2)?.fields).toMatchObject({ outcome: "abort", via: "elected" });
    expect(decision(sim, P3)?.fields).toMatchObject({ outcome: "abort", via: "peer" });
    const v = check(sim, "atomicity").violations;
    expect(v).toHaveLength(1);
    expect(v[0].message).toMatch(/^client#1: p1\/participant \(participant, coordinator\) committed at .*, but p2\/participant \(participant, elected\) aborted at /);
    expect(v[0].nodes).toEqual(["c", "client", "p1", "p2", "p3"]);
    // The events that show it: p1's PRE-COMMIT, and p2's election with both survivors uncertain.
    const shown = v[0].history.map((i) => sim.history[i]);
    expect(shown.some((h) => h.event === "pre-commit" && h.address === P1)).toBe(true);
    const elected = shown.find((h) => h.event === "elected")!;
    expect(elected.fields).toMatchObject({ live: [P2, P3], states: { [P2]: "uncertain", [P3]: "uncertain" } });
    expect(v[0].events.length).toBe(v[0].history.length);
    // Healing does not repair it: decisions are never reversed, and both sides hold theirs.
    expect(check(sim, "validity").status).toBe("held");
  });

  it("3pc: a random partition nemesis finds the violation within 20 seeds; 2pc holds under the same schedules", async () => {
    const scenario = (protocol: "2pc" | "3pc", seed: number) => commitScenario({
      protocol, seed, duration: 12 * SECOND, client: { count: 200, rate: 20 },
      nemesis: { mix: { partition: 1 }, interval: { dist: "exponential", mean: 700 * MS }, duration: { dist: "uniform", min: 100 * MS, max: 1500 * MS }, targets: ["c", "p1", "p2", "p3"] },
    });
    let found = 0;
    for (let seed = 1; seed <= 20 && found === 0; seed++) {
      const r = await run(scenario("3pc", seed), { recording: "off" });
      if (!r.passed) {
        found = seed;
        expect(r.checks.filter((c) => !c.passed).map((c) => c.name)).toEqual(["atomicity"]);
        expect(r.checks[0].violations[0].message).toMatch(/committed .* but p\d\/participant \(participant, (elected|peer)\) aborted/);
      }
    }
    expect(found).toBeGreaterThan(0);
    for (let seed = 1; seed <= Math.max(found, 3); seed++) expect((await run(scenario("2pc", seed), { recording: "off" })).passed, `2pc seed ${seed}`).toBe(true);
  }, 180_000);
});
