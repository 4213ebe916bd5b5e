import { describe, expect, it } from "vitest";
import { parseReportKinds, renderReports, REPORT_KINDS } from "./render-reports";
import { ReportError } from "./report-error";
import { jsonReport } from "./json";
import { twoPhaseCommitRun } from "./fixtures/two-phase-commit";
import { quietRun } from "./fixtures/quiet-run";

function errorOf(f: () => unknown): ReportError {
  try {
    f();
  } catch (e) {
    if (e instanceof ReportError) return e;
    throw e;
  }
  throw new Error("expected a ReportError");
}

describe("renderReports", () => {
  it("render: one run gives one file per kind under fixed names", () => {
    const run = twoPhaseCommitRun();
    const files = renderReports(["json,md,junit,html,perfetto,text"], run);
    expect(Object.keys(files).sort()).toEqual(["junit.xml", "result.json", "summary.md", "summary.txt", "timeline.html", "trace.perfetto.json"]);
    expect(files["result.json"]).toBe(jsonReport(run.result));
    expect(files["summary.md"]).toContain("```mermaid");
    expect(files["junit.xml"]).toContain('<testcase name="seed 7" classname="2pc-participant-timeout-abort"');
    expect(JSON.parse(files["trace.perfetto.json"]).traceEvents.length).toBeGreaterThan(0);
  });

  it("render: many runs give suite files and pages only for the failing runs", () => {
    const failing = twoPhaseCommitRun();
    const runs = [quietRun("registry ap", 1), failing, quietRun("registry ap", 2)];
    const files = renderReports(["json", "md", "junit", "html", "perfetto"], runs);
    expect(Object.keys(files).sort()).toEqual([
      "junit.xml",
      "perfetto-2pc-participant-timeout-abort-seed-7.json",
      "results.json",
      "summary.md",
      "timeline-2pc-participant-timeout-abort-seed-7.html",
    ]);
    expect(JSON.parse(files["results.json"])).toHaveLength(3);
    expect(files["junit.xml"]).toContain('tests="3" failures="1"');
  });

  it("render: perRun all gives every run its pages, with distinct names", () => {
    const runs = [quietRun("a b", 1), quietRun("a/b", 1)];
    const files = renderReports(["html"], runs, { perRun: "all" });
    expect(Object.keys(files).sort()).toEqual(["timeline-a-b-seed-1-2.html", "timeline-a-b-seed-1.html"]);
  });

  it("kinds: case, spaces, repeats and aliases are accepted", () => {
    expect(parseReportKinds([" JSON , markdown", "md", "xml"])).toEqual(["json", "md", "junit"]);
  });

  it("kinds: an unknown kind is an error that lists the valid ones and suggests the nearest", () => {
    const e = errorOf(() => renderReports(["json,jnuit"], twoPhaseCommitRun()));
    expect(e.code).toBe("CS811");
    expect(e.message).toBe(`--report: unknown report kind "jnuit". Valid kinds: ${REPORT_KINDS.join(", ")}. Did you mean "junit"?`);
    const far = errorOf(() => parseReportKinds(["pdf-with-charts"]));
    expect(far.message).not.toContain("Did you mean");
    expect(far.message).toContain("Valid kinds: json, md, junit, html, perfetto, text, ecs, gelf, openmetrics.");
  });

  it("kinds: asking for no kind at all is an error", () => {
    expect(errorOf(() => parseReportKinds([" , "])).code).toBe("CS812");
  });
});
