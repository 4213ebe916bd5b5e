import { describe, expect, it } from "vitest";
import { terminalReport, terminalSuite } from "./terminal";
import { twoPhaseCommitRun } from "./fixtures/two-phase-commit";
import { quietRun } from "./fixtures/quiet-run";

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/;

describe("terminal summary", () => {
  it("terminal: says what happened: the faults and the key events with the evidence marked", () => {
    const text = terminalReport(twoPhaseCommitRun());
    expect(text).toContain("✗ FAILED 2pc-participant-timeout-abort · seed 7");
    expect(text).toContain("  6ms      partition {n1,n2} | {n3} for 400ms (script)");
    expect(text).toContain("  206ms    crash n2 for 100ms (nemesis)");
    expect(text).toContain("  8.1ms    drop COMMIT n1/coord -> n3/p2: partition");
    expect(text).toContain("  53.7ms   record n3/p2 abort {\"tx\":1,\"reason\":\"decision timeout\"}  ← evidence");
    expect(text).toContain("messages: 12 sent, 10 delivered, 3 dropped (loss 1, partition 2), 1 duplicated, 0 in flight");
  });

  it("terminal: each check and expectation with its verdict and measured value", () => {
    const text = terminalReport(twoPhaseCommitRun());
    expect(text).toContain("  ✗ atomic-commit  violated\n      at 53.7ms on n2, n3: n2/p1 committed tx 1 but n3/p2 aborted it");
    expect(text).toContain("  ✓ p99(commit.latency) < 250ms  measured 6.7ms");
    expect(text).toContain("  ✗ messages.dropped <= 1        measured 3");
  });

  it("terminal: ends with the seed, the trace hash and the replay command", () => {
    const lines = terminalReport(twoPhaseCommitRun()).trimEnd().split("\n");
    expect(lines.at(-2)).toBe("seed 7 · trace 9f3c2a71d04be815 · digest 5d1e0c9a7b3f4e21");
    expect(lines.at(-1)).toBe("replay: clustersim replay scenarios/library/2pc-participant-timeout-abort.yaml --seed 7");
  });

  it("terminal: the key events are capped, evidence first, and say how many were left out", () => {
    const text = terminalReport(twoPhaseCommitRun(), { maxKeyEvents: 3 });
    const section = text.split("Key events\n")[1].split("\n\n")[0].split("\n");
    expect(section.filter((l) => l.includes("← evidence"))).toHaveLength(2);
    expect(section).toHaveLength(4);
    expect(section[3]).toBe("  … 6 more events (faults and drops) in the trace");
  });

  it("terminal: no colour codes unless asked, and colour codes when asked", () => {
    expect(terminalReport(twoPhaseCommitRun())).not.toMatch(ANSI);
    expect(terminalReport(twoPhaseCommitRun(), { color: true })).toMatch(ANSI);
  });

  it("terminal: a run without a trace is summarised from its result alone", () => {
    const text = terminalReport(quietRun("registry-ap", 3));
    expect(text).not.toContain("Key events");
    expect(text).toContain("trace not recorded");
    expect(text).toContain("✓ PASSED registry-ap · seed 3");
  });

  it("terminal: a run that hit a limit says so", () => {
    const run = quietRun("slow", 1);
    run.result.stopReason = "max-events";
    run.result.passed = false;
    expect(terminalReport(run)).toContain("the run stopped early: hit the event limit (limits.maxEvents)");
  });

  it("terminal suite: failing scenarios first with their first failing seed and replay", () => {
    const failing = twoPhaseCommitRun().result;
    const text = terminalSuite([quietRun("a", 2).result, failing, quietRun("a", 1).result, quietRun(failing.scenario, 9).result]);
    const lines = text.trimEnd().split("\n");
    expect(lines[0]).toBe("✗ 1 failed: 4 runs of 2 scenarios, 3 passed");
    expect(lines[1]).toBe("  ✗ 2pc-participant-timeout-abort  1 of 2 seeds failed; first failing seed 7");
    expect(lines[3]).toBe(`      replay: ${failing.replay}`);
    expect(lines[4]).toBe("  ✓ a  2 seeds passed");
  });
});
