/// <reference types="vite/client" />
import { describe, expect, it } from "vitest";
import { validateXML } from "xmllint-wasm";
import junitXsd from "./schema/junit.xsd?raw";
import { junitReport, junitSuite } from "./junit";
import { twoPhaseCommitRun } from "./fixtures/two-phase-commit";
import { quietRun } from "./fixtures/quiet-run";

/** Validates with libxml2 (compiled to wasm) against reports/schema/junit.xsd. */
async function validate(xml: string): Promise<{ valid: boolean; errors: string[] }> {
  const r = await validateXML({ xml: [{ fileName: "junit.xml", contents: xml }], schema: [junitXsd] });
  return { valid: r.valid, errors: r.errors.map((e) => e.message) };
}

describe("junit xml", () => {
  it("junit: a failing run validates against the JUnit schema", async () => {
    const xml = junitReport(twoPhaseCommitRun().result, { timestamp: "2026-11-27T11:00:00.000Z" });
    expect(await validate(xml)).toEqual({ valid: true, errors: [] });
  });

  it("junit: a suite of passing and failing runs validates", async () => {
    const runs = [quietRun("a", 1).result, twoPhaseCommitRun().result, quietRun("a", 2, null).result];
    expect(await validate(junitSuite(runs))).toEqual({ valid: true, errors: [] });
  });

  it("junit: the schema rejects broken reports", async () => {
    const good = junitReport(twoPhaseCommitRun().result);
    const broken: Array<[string, string]> = [
      [good.replace(/ classname="[^"]*"/, ""), "'classname' is required"],
      [good.replace(/tests="1" failures="1"/, 'tests="one" failures="1"'), "'one' is not a valid value"],
      [good.replace("<properties>", "<failure/><properties>"), "Element 'properties': This element is not expected"],
      [good.replace(' time="0.012">\n    <testcase', ' time="-1">\n    <testcase'), "less than the minimum value"],
      [good.replace("&lt;=", "<="), "parser error"],
    ];
    for (const [xml, why] of broken) {
      expect(xml).not.toBe(good);
      const r = await validate(xml);
      expect(r.valid).toBe(false);
      expect(r.errors.join("\n")).toContain(why);
    }
  });

  it("junit: one test case per scenario × seed, classname the scenario and name `seed N`", () => {
    const runs = [quietRun("b", 2).result, quietRun("b", 1).result, twoPhaseCommitRun().result];
    const xml = junitSuite(runs);
    const cases = [...xml.matchAll(/<testcase name="([^"]*)" classname="([^"]*)" time="([^"]*)"/g)].map((m) => [m[2], m[1], m[3]]);
    expect(cases).toEqual([
      ["2pc-participant-timeout-abort", "seed 7", "0.012"],
      ["b", "seed 1", "0.004"],
      ["b", "seed 2", "0.004"],
    ]);
    expect(xml).toContain('<testsuites name="clustersim" tests="3" failures="1" errors="0" skipped="0" time="0.019">');
  });

  it("junit: the failure carries the violation and the replay command, with seed and trace hash properties", () => {
    const xml = junitReport(twoPhaseCommitRun().result);
    expect(xml).toContain('<failure message="atomic-commit: at 53.7ms on n2, n3: n2/p1 committed tx 1 but n3/p2 aborted it (replay: clustersim replay scenarios/library/2pc-participant-timeout-abort.yaml --seed 7)" type="violation">');
    expect(xml).toContain('<property name="seed" value="7"/>');
    expect(xml).toContain('<property name="traceHash" value="9f3c2a71d04be815"/>');
    expect(xml).toMatch(/<failure [^>]*>[^<]*replay: clustersim replay [^<]*<\/failure>/);
  });

  it("junit: a run that hit its event limit without failing a check is an error", async () => {
    const run = quietRun("slow", 5).result;
    run.stopReason = "max-events";
    run.passed = false;
    const xml = junitReport(run);
    expect(xml).toContain('failures="0" errors="1"');
    expect(xml).toMatch(/<error message="the run stopped early: hit the event limit \(limits.maxEvents\) \(replay: [^"]+\)" type="max-events">/);
    expect((await validate(xml)).valid).toBe(true);
  });

  it("junit: names and messages with markup and control characters are escaped and still valid", async () => {
    const run = twoPhaseCommitRun().result;
    run.scenario = `evil <"name"> & 'quotes'`;
    run.checks[0].violations[0].message = "body </failure><script>x</script> ]]> \u0000\u0007 end\nsecond line";
    const xml = junitReport(run);
    expect(xml).not.toContain("<script>");
    expect(xml).toContain('classname="evil &lt;&quot;name&quot;&gt; &amp; &apos;quotes&apos;"');
    expect(xml).toContain("\uFFFD\uFFFD end&#10;second line");
    expect(await validate(xml)).toEqual({ valid: true, errors: [] });
  });
});
