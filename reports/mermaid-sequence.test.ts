import { describe, expect, it } from "vitest";
import { mermaidSequence, mermaidText, DEFAULT_SEQUENCE_EVENTS } from "./mermaid-sequence";
import { twoPhaseCommitRun } from "./fixtures/two-phase-commit";
import { syntheticRun } from "./fixtures/synthetic-run";
import { quietRun } from "./fixtures/quiet-run";
import type { RunReport } from "./report-input";

/** The statements this writer emits, as mermaid's sequence grammar accepts them. */
const TEXT = "(?:[^#;\\n%\\x60]|#\\d+;)+";
const GRAMMAR = [
  /^sequenceDiagram$/,
  new RegExp(String.raw`^ {4}participant P\d+ as ${TEXT}$`),
  new RegExp(String.raw`^ {4}P\d+(->>|-x|-\))P\d+: ${TEXT}$`),
  new RegExp(String.raw`^ {4}Note over P\d+(,P\d+)?: ${TEXT}$`),
  /^ {4}rect rgb\(\d+, \d+, \d+\)$/,
  /^ {4}end$/,
];

/** Statement lines that draw an event (arrows and notes). */
function drawn(text: string): string[] {
  return text.split("\n").filter((l) => /^ {4}(P\d+(->>|-x|-\))|Note over)/.test(l) && !l.includes("events not shown"));
}

/**
 * Gives a large synthetic run a violation whose evidence is two deliveries, `apart` deliveries
 * apart, starting at `at` (a fraction of the run).
 */
function syntheticViolation(messages: number, at = 0.5, apart = 20): RunReport {
  const run = syntheticRun({ nodes: 6, messages });
  const trace = run.trace!;
  const delivers = trace.filter((e) => e.kind === "deliver");
  const a = delivers[Math.floor(delivers.length * at)], b = delivers[Math.floor(delivers.length * at) + apart];
  run.result.passed = false;
  run.result.checks = [{
    name: "linearizable", description: "Reads see the latest write.", expected: "hold", status: "violated", passed: false,
    violations: [{ check: "linearizable", message: "stale read", t: b.t, nodes: ["n1"], history: [], events: [a.seq, b.seq], seed: 1, replay: run.result.replay }],
    findings: [],
  }];
  return run;
}

describe("mermaid sequence diagram", () => {
  it("sequence: draws the drop that cut p2 off as -x and highlights both pieces of evidence", () => {
    const { result, trace } = twoPhaseCommitRun();
    const d = mermaidSequence(result, trace)!;
    expect(d.violation.check).toBe("atomic-commit");
    expect(d.text).toContain("P1-xP3: COMMIT {\"tx\":1} dropped: partition · 8.1ms");
    expect(d.text).toMatch(/rect rgb\(255, 225, 225\)\n {4}Note over P2: ⚠ commit/);
    expect(d.text).toMatch(/rect rgb\(255, 225, 225\)\n {4}Note over P3: ⚠ abort/);
    expect(d.text).toContain("Note over P0,P3: partition {n1,n2} | {n3} · 6ms");
    expect(d.text).toContain("(duplicate)");
  });

  it("sequence: participants are processes in order of first appearance, each one declared", () => {
    const { result, trace } = twoPhaseCommitRun();
    const d = mermaidSequence(result, trace)!;
    const declared = [...d.text.matchAll(/participant (P\d+) as (\S+)/g)].map((m) => [m[1], m[2]]);
    expect(declared).toEqual([["P0", "n1/client"], ["P1", "n1/coord"], ["P2", "n2/p1"], ["P3", "n3/p2"]]);
    const used = new Set([...d.text.matchAll(/P\d+/g)].map((m) => m[0]));
    for (const p of used) expect(declared.map((x) => x[0])).toContain(p);
  });

  it("sequence: every line is a statement of mermaid's sequence grammar", () => {
    for (const run of [twoPhaseCommitRun(), syntheticViolation(2000)]) {
      const d = mermaidSequence(run.result, run.trace)!;
      for (const line of d.text.split("\n")) expect(GRAMMAR.some((g) => g.test(line)), line).toBe(true);
    }
  });

  it("sequence: a large trace is bounded to maxEvents and the counts of what was left out add up", () => {
    const run = syntheticViolation(20_000);
    const d = mermaidSequence(run.result, run.trace)!;
    expect(d.shown).toBe(DEFAULT_SEQUENCE_EVENTS);
    expect(drawn(d.text)).toHaveLength(DEFAULT_SEQUENCE_EVENTS);
    const drawable = run.trace!.filter((e) => e.kind !== "send" && e.kind !== "start" && e.kind !== "end").length;
    expect(d.shown + d.omittedBefore + d.omittedBetween + d.omittedAfter).toBe(drawable);
    expect(d.omittedBefore).toBeGreaterThan(0);
    expect(d.omittedAfter).toBeGreaterThan(0);
  });

  it("sequence: when the window is small it still keeps the partition that caused the drop", () => {
    const { result, trace } = twoPhaseCommitRun();
    const d = mermaidSequence(result, trace, { maxEvents: 8 })!;
    expect(drawn(d.text)).toHaveLength(8);
    expect(d.text).toContain("partition {n1,n2} | {n3}");
    expect(d.text).toContain("⚠ abort");
  });

  it("sequence: evidence too far apart is drawn with the faults between and context before each piece", () => {
    // The synthetic run crashes n2 at a third of the run and restarts it at half.
    const run = syntheticViolation(3000, 0.3, 700);
    const d = mermaidSequence(run.result, run.trace, { maxEvents: 12 })!;
    expect(drawn(d.text)).toHaveLength(12);
    expect(d.text).toContain("isolate n1");
    expect(d.text).toMatch(/Note over P\d+: crash n2/);
    expect(d.text).toMatch(/Note over P\d+: restart n2/);
    expect((d.text.match(/⚠/g) ?? []).length).toBe(2);
    const gaps = d.text.split("\n").filter((l) => l.includes("events not shown"));
    expect(gaps.length).toBeGreaterThanOrEqual(3);
    expect(gaps[0]).toMatch(/^ {4}Note over P0,P\d+: … [\d,]+ events not shown …$/);
  });

  it("sequence: none without a trace or without a violation", () => {
    const { result } = twoPhaseCommitRun();
    expect(mermaidSequence(result, null)).toBeNull();
    const quiet = quietRun("s", 1);
    expect(mermaidSequence(quiet.result, twoPhaseCommitRun().trace)).toBeNull();
  });

  it("mermaid text: statement breakers, comments, HTML and fences become entity codes", () => {
    expect(mermaidText("a;b#c%%d<e>f&g`h\ni")).toBe("a#59;b#35;c#37;#37;d#60;e#62;f#38;g#96;h i");
  });

  it("sequence: a message body with a newline and a code fence stays on one line inside the block", () => {
    const run = twoPhaseCommitRun();
    const send = run.trace!.find((e) => e.kind === "send" && e.type === "COMMIT")!;
    (send as { body: unknown }).body = "```\n</script>; # %%";
    const d = mermaidSequence(run.result, run.trace)!;
    expect(d.text).not.toContain("```");
    for (const line of d.text.split("\n")) expect(GRAMMAR.some((g) => g.test(line)), line).toBe(true);
  });
});
