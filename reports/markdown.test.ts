import { describe, expect, it } from "vitest";
import { markdownReport, markdownSuite, mdCell, mdCode } from "./markdown";
import { twoPhaseCommitRun } from "./fixtures/two-phase-commit";
import { quietRun } from "./fixtures/quiet-run";

/** The body of the first mermaid block in a markdown text. */
function mermaidBlock(md: string): string {
  const m = /```mermaid\n([\s\S]*?)\n```/.exec(md);
  if (m === null) throw new Error("no mermaid block");
  return m[1];
}

describe("markdown report", () => {
  it("markdown: has a mermaid sequence diagram of the violation's events, drops as -x", () => {
    const md = markdownReport(twoPhaseCommitRun());
    const block = mermaidBlock(md);
    expect(block.startsWith("sequenceDiagram\n")).toBe(true);
    expect(block).toContain("Note over P2: ⚠ commit {\"tx\":1} · 7.9ms");
    expect(block).toContain("Note over P3: ⚠ abort {\"tx\":1,\"reason\":\"decision timeout\"} · 53.7ms");
    expect(block).toMatch(/P1-xP3: COMMIT .* dropped: partition/);
    expect(md).toContain("### First violation: atomic-commit at 53.7ms");
  });

  it("markdown: a table row per check and expectation, with the measured values", () => {
    const md = markdownReport(twoPhaseCommitRun());
    expect(md).toContain("| ❌ | `atomic-commit` | hold | violated | at 53.7ms on n2, n3: n2/p1 committed tx 1 but n3/p2 aborted it |");
    expect(md).toContain("| ✅ | `termination` | hold | held |");
    expect(md).toContain("| ✅ | `p99(commit.latency)` | &lt; 250ms | 6.7ms |");
    expect(md).toContain("| ❌ | `messages.dropped` | &lt;= 1 | 3 |");
  });

  it("markdown: names the seed, the trace hash and the replay command", () => {
    const md = markdownReport(twoPhaseCommitRun());
    expect(md).toContain("```sh\nclustersim replay scenarios/library/2pc-participant-timeout-abort.yaml --seed 7\n```");
    expect(md).toContain("trace hash `9f3c2a71d04be815`");
  });

  it("markdown: a violation without a trace says how to get the diagram", () => {
    const run = twoPhaseCommitRun();
    const md = markdownReport({ result: run.result, trace: null });
    expect(md).not.toContain("```mermaid");
    expect(md).toContain("No trace was recorded");
  });

  it("markdown: a passing run has no violation section", () => {
    const md = markdownReport(quietRun("registry-ap", 3));
    expect(md).toContain("## ✅ registry-ap · seed 3 — passed");
    expect(md).not.toContain("First violation");
  });

  it("markdown cells: pipes, line breaks and HTML cannot break the table", () => {
    expect(mdCell("a|b\n<c>&")).toBe("a\\|b &lt;c&gt;&amp;");
    expect(mdCode("x|y")).toBe("`x\\|y`");
    expect(mdCode("a`b")).toBe("a`b");
  });
});

describe("markdown suite", () => {
  it("suite: one table, failing scenarios first, with the lowest failing seed and its replay command", () => {
    const failing7 = twoPhaseCommitRun();
    const failing3 = twoPhaseCommitRun();
    failing3.result.seed = 3;
    failing3.result.replay = failing3.result.replay.replace("--seed 7", "--seed 3");
    // Workers finish in any order: the suite sorts by seed itself.
    const runs = [quietRun("a-passing", 2), failing7.result, quietRun("a-passing", 1), failing3.result, quietRun("2pc-participant-timeout-abort", 4)];
    const md = markdownSuite(runs);
    expect(md.split("\n")[0]).toBe("## ❌ 2 of 5 runs failed (2 scenarios)");
    const rows = md.split("\n").filter((l) => l.startsWith("| ✅") || l.startsWith("| ❌"));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^\| ❌ \| `2pc-participant-timeout-abort` \| 3 \| 2 \| 3 \| atomic-commit: .* \| `clustersim replay .* --seed 3` \|$/);
    expect(rows[1]).toBe("| ✅ | `a-passing` | 2 (1..2) | 0 |  |  |  |");
  });

  it("suite: the first failing scenario with a trace gets its diagram in a details block", () => {
    const md = markdownSuite([twoPhaseCommitRun(), quietRun("b", 1)]);
    expect(md).toContain("<details>");
    expect(mermaidBlock(md)).toContain("-xP3");
  });

  it("suite: all passing says so", () => {
    const md = markdownSuite([quietRun("a", 1).result, quietRun("b", 1).result]);
    expect(md.split("\n")[0]).toBe("## ✅ All 2 runs passed (2 scenarios)");
    expect(md).not.toContain("<details>");
  });
});
