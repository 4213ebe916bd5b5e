/// <reference types="vite/client" />
import { beforeAll, describe, expect, it } from "vitest";
import { validateXML } from "xmllint-wasm";
import junitXsd from "./schema/junit.xsd?raw";
import { forgetVoteRun } from "./fixtures/forget-vote-run";
import type { RunReport } from "./report-input";
import { renderReports } from "./render-reports";
import { mermaidSequence } from "./mermaid-sequence";
import type { ChromeTraceEvent } from "./perfetto";

// The same writers over a run the engine really produced, so the hand-built fixtures cannot
// drift from what the engine records.
let run: RunReport;
let files: Record<string, string>;
beforeAll(async () => {
  run = await forgetVoteRun();
  files = renderReports(["json,md,junit,html,perfetto,text"], run);
});

describe("reports of a real engine run", () => {
  it("real run: the engine caught the planted bug, and the reports name it", () => {
    expect(run.result.passed).toBe(false);
    expect(run.result.checks.find((c) => c.name === "atomicity")?.status).toBe("violated");
    expect(files["summary.txt"]).toContain("✗ atomicity");
    expect(files["summary.txt"]).toContain(`trace ${run.result.traceHash}`);
    expect(files["summary.txt"]).toContain("replay: clustersim replay scenarios/library/2pc-forget-vote.yaml --seed 7");
  });

  it("real run: the diagram shows the node-down drops as -x and highlights the evidence", () => {
    const d = mermaidSequence(run.result, run.trace)!;
    expect(d.text).toMatch(/P\d+-xP\d+: commit .* dropped: node-down/);
    const evidence = run.result.checks.flatMap((c) => c.violations.flatMap((v) => v.events)).length;
    expect(evidence).toBeGreaterThan(0);
    const highlighted = (d.text.match(/⚠/g) ?? []).length;
    expect(highlighted).toBeGreaterThan(0);
    expect(highlighted).toBeLessThanOrEqual(evidence);
    expect(files["summary.md"]).toContain("```mermaid\nsequenceDiagram");
  });

  it("real run: the JUnit report validates against the schema", async () => {
    const r = await validateXML({ xml: [{ fileName: "junit.xml", contents: files["junit.xml"] }], schema: [junitXsd] });
    expect(r.errors.map((e) => e.message)).toEqual([]);
    expect(r.valid).toBe(true);
  });

  it("real run: every message flow in the Perfetto trace starts and finishes once", () => {
    const events = (JSON.parse(files["trace.perfetto.json"]) as { traceEvents: ChromeTraceEvent[] }).traceEvents;
    const starts = events.filter((e) => e.ph === "s").map((e) => e.id).sort();
    const finishes = events.filter((e) => e.ph === "f").map((e) => e.id).sort();
    expect(starts.length).toBe(run.result.stats.messages.delivered + run.result.stats.messages.dropped);
    expect(finishes).toEqual(starts);
  });

  it("real run: the JSON report is the result and the page requests nothing", () => {
    expect(JSON.parse(files["result.json"])).toEqual(JSON.parse(JSON.stringify(run.result)));
    expect(files["timeline.html"]).not.toMatch(/https?:/);
    expect(files["timeline.html"]).toContain("<line class=\"violation\"");
  });
});
