import { describe, expect, it } from "vitest";
import { replayChecker } from "../../../check/replay-checker";
import { MS, SECOND } from "../../../core/time";
import type { Json } from "../../../core/json";
import type { CheckContext, HistoryEntry } from "../../../check/checker";
import type { FaultSpec } from "../../../scenario";
import type { MetricsSnapshot } from "../../../metrics/metrics-snapshot";
import { atomicity } from "./atomicity";
import { validity } from "./validity";
import { blocking, measureBlocking } from "./blocking";
import { commitTermination } from "./commit-termination";

/** Builds a history by hand: each entry `[t, address, event, fields]`. */
function history(...rows: Array<[number, string, string, Record<string, Json>]>): HistoryEntry[] {
  return rows.map(([t, address, event, fields], index) => {
    const [node, proc] = address.split("/");
    return { t, index, seq: 100 + index, node, proc, address, event, fields };
  });
}

function ctx(h: HistoryEntry[], o: Partial<CheckContext> = {}): CheckContext {
  return {
    scenario: "hand-made", seed: 1, history: h, faults: [], triggers: [], healedAt: 0, endedAt: 20 * SECOND,
    metrics: {} as MetricsSnapshot, trace: null, params: {}, ...o,
  };
}

const C = "c/coordinator";
const P1 = "p1/participant";
const P2 = "p2/participant";
const begin: [number, string, string, Record<string, Json>] = [0, C, "begin", { txn: "t1", participants: [P1, P2], protocol: "2pc" }];

describe("atomicity checker", () => {
  it("atomicity: holds when every process decides the same", () => {
    const h = history(begin, [1, C, "decide", { txn: "t1", outcome: "commit", role: "coordinator" }],
      [2, P1, "decide", { txn: "t1", outcome: "commit", role: "participant" }], [2, P2, "decide", { txn: "t1", outcome: "commit", role: "participant" }],
      [3, "client/client", "txn-outcome", { txn: "t1", outcome: "commit" }]);
    expect(replayChecker(atomicity({}), ctx(h)).violations).toEqual([]);
  });

  it("atomicity: a participant that aborts what another commits is a violation naming both", () => {
    const h = history(begin, [5, P1, "vote", { txn: "t1", vote: "yes" }], [7, P1, "decide", { txn: "t1", outcome: "commit", role: "participant", via: "coordinator" }],
      [9, P2, "decide", { txn: "t1", outcome: "abort", role: "participant", via: "elected" }]);
    const [v] = replayChecker(atomicity({}), ctx(h)).violations;
    expect(v.message).toBe("t1: p1/participant (participant, coordinator) committed at 7us, but p2/participant (participant, elected) aborted at 9us");
    expect(v.t).toBe(9);
    expect(v.nodes).toEqual(["p1", "p2"]);
    expect(v.history).toEqual([1, 2, 3]); // the vote that led to it, and both decisions
    expect(v.events).toEqual([101, 102, 103]);
  });

  it("atomicity: a client told abort while a participant committed is a violation", () => {
    const h = history([1, P1, "decide", { txn: "t1", outcome: "commit", role: "participant" }], [2, "client/client", "txn-outcome", { txn: "t1", outcome: "abort" }]);
    expect(replayChecker(atomicity({}), ctx(h)).violations[0].message).toMatch(/^t1: p1\/participant .* committed at 1us, but the client client\/client was told abort at 2us$/);
  });

  it("atomicity: a process that reverses its own decision is a violation even if nobody else decided", () => {
    const h = history([1, C, "decide", { txn: "t1", outcome: "commit", role: "coordinator" }], [5, C, "decide", { txn: "t1", outcome: "abort", role: "coordinator", reason: "presumed" }]);
    const v = replayChecker(atomicity({}), ctx(h)).violations;
    expect(v.map((x) => x.message)).toContain("t1: c/coordinator decided commit at 1us and then abort at 5us: a decision was reversed");
  });

  it("atomicity: outcomes a client does not know are not decisions", () => {
    const h = history([1, P1, "decide", { txn: "t1", outcome: "commit", role: "participant" }], [2, "client/client", "txn-outcome", { txn: "t1", outcome: "unknown" }]);
    expect(replayChecker(atomicity({}), ctx(h)).violations).toEqual([]);
  });
});

describe("validity checker", () => {
  it("validity: holds when every participant voted yes or read-only before the commit", () => {
    const h = history(begin, [1, P1, "vote", { txn: "t1", vote: "yes" }], [1, P2, "vote", { txn: "t1", vote: "read-only" }], [2, C, "decide", { txn: "t1", outcome: "commit", role: "coordinator" }]);
    expect(replayChecker(validity({}), ctx(h)).violations).toEqual([]);
  });

  it("validity: a commit after a NO vote, or without a vote, is a violation per participant", () => {
    const h = history(begin, [1, P1, "vote", { txn: "t1", vote: "no" }], [2, C, "decide", { txn: "t1", outcome: "commit", role: "coordinator" }]);
    const v = replayChecker(validity({}), ctx(h)).violations.map((x) => x.message);
    expect(v).toEqual([
      "t1: c/coordinator committed at 2us, but participant p1/participant voted no at 1us",
      "t1: c/coordinator committed at 2us, but participant p2/participant had not voted",
    ]);
  });

  it("validity: an abort needs no votes", () => {
    const h = history(begin, [2, C, "decide", { txn: "t1", outcome: "abort", role: "coordinator" }]);
    expect(replayChecker(validity({}), ctx(h)).violations).toEqual([]);
  });
});

describe("blocking checker", () => {
  const rows = history(
    [1 * SECOND, P1, "uncertain-start", { txn: "t1" }],
    [1 * SECOND, P2, "uncertain-start", { txn: "t1" }],
    [2 * SECOND, P1, "blocked", { txn: "t1", round: 1 }],
    [2 * SECOND, P2, "blocked", { txn: "t1", round: 1 }],
    [5 * SECOND, P1, "uncertain-end", { txn: "t1", outcome: "commit" }],
  );

  it("blocking: measures blocked time from the first blocked round to the decision, or the run's end", () => {
    const m = measureBlocking(rows, [], 10 * SECOND);
    expect(m.blocked.map((p) => [p.address, p.from, p.to, p.end])).toEqual([
      [P1, 2 * SECOND, 5 * SECOND, "decided"],
      [P2, 2 * SECOND, 10 * SECOND, "run-end"],
    ]);
    expect(m.totalBlocked).toBe(11 * SECOND);
    expect(m.maxBlocked).toBe(8 * SECOND);
    expect(m.totalUncertain).toBe(4 * SECOND + 9 * SECOND);
  });

  it("blocking: a crash of the blocked participant's node ends its period", () => {
    const faults: FaultSpec[] = [{ at: 3 * SECOND, action: "crash", node: "p2" }];
    const m = measureBlocking(rows, faults, 10 * SECOND);
    expect(m.blocked[1]).toMatchObject({ address: P2, from: 2 * SECOND, to: 3 * SECOND, end: "crashed" });
  });

  it("blocking: reports the numbers as findings and holds without maxBlocked", () => {
    const out = replayChecker(blocking({}), ctx(rows, { endedAt: 10 * SECOND }));
    expect(out.violations).toEqual([]);
    expect(out.findings![0]).toMatchObject({
      message: "2 participant-transaction(s) blocked in 1 transaction(s): 11s in all, the longest 8s (p2/participant in t1, from 2s to 10s); 1 still blocked when the run ended",
      value: 11 * SECOND, t: 2 * SECOND, nodes: ["p1", "p2"],
    });
    expect(out.findings![1]).toMatchObject({ message: "longest blocked period: 8s", value: 8 * SECOND });
    expect(out.findings![2].message).toBe("2 uncertainty period(s): mean 6.5s, longest 9s");
  });

  it("blocking: with maxBlocked, each longer period is a violation", () => {
    const out = replayChecker(blocking({ maxBlocked: "4s" }), ctx(rows, { endedAt: 10 * SECOND }));
    expect(out.violations.map((v) => v.message)).toEqual(["p2/participant was blocked on t1 for 8s (from 2s), more than maxBlocked 4s"]);
    expect(out.violations[0].history).toEqual([3]);
    expect(replayChecker(blocking({ maxBlocked: 8 * SECOND }), ctx(rows, { endedAt: 10 * SECOND })).violations).toEqual([]);
  });

  it("blocking: a maxBlocked that is not a duration is refused with the field named", () => {
    expect(() => blocking({ maxBlocked: "four seconds" })).toThrow(/blocking params.maxBlocked: expected a duration such as "250ms"/);
  });
});

describe("commit-termination checker", () => {
  const voted = history(begin, [1 * SECOND, P1, "vote", { txn: "t1", vote: "yes" }], [1 * SECOND, P2, "vote", { txn: "t1", vote: "yes" }],
    [2 * SECOND, P1, "decide", { txn: "t1", outcome: "commit", role: "participant" }]);

  it("commit-termination: a live participant that voted yes and never decided is a violation", () => {
    const v = replayChecker(commitTermination({}), ctx(voted, { endedAt: 10 * SECOND })).violations;
    expect(v.map((x) => x.message)).toEqual(["p2/participant voted yes on t1 at 1s and never decided, though it was up at the end and the run went on for more than 5s after the last fault (0us)"]);
  });

  it("commit-termination: gives a grace period after the last fault heals", () => {
    expect(replayChecker(commitTermination({}), ctx(voted, { endedAt: 10 * SECOND, healedAt: 6 * SECOND })).violations).toEqual([]);
    expect(replayChecker(commitTermination({ grace: "3s" }), ctx(voted, { endedAt: 10 * SECOND, healedAt: 6 * SECOND })).violations).toHaveLength(1);
  });

  it("commit-termination: excuses a participant whose node is down at the end", () => {
    const faults: FaultSpec[] = [{ at: 3 * SECOND, action: "crash", node: "p2" }];
    expect(replayChecker(commitTermination({}), ctx(voted, { endedAt: 10 * SECOND, faults })).violations).toEqual([]);
    const back: FaultSpec[] = [{ at: 3 * SECOND, action: "crash", node: "p2", duration: 500 * MS }];
    // Restarted, it is live again: it must decide within the grace period after the restart.
    expect(replayChecker(commitTermination({}), ctx(voted, { endedAt: 10 * SECOND, faults: back, healedAt: 3.5 * SECOND })).violations).toHaveLength(1);
    expect(replayChecker(commitTermination({}), ctx(voted, { endedAt: 8 * SECOND, faults: back, healedAt: 3 * SECOND + 500 * MS })).violations).toHaveLength(0);
  });
});
