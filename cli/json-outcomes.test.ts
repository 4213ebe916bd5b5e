import { describe, expect, it } from "vitest";
import { runCli } from "./fixtures/capture";

/** stdout must be exactly one JSON document; returns it. */
function oneDocument(stdout: string): any {
  expect(stdout.trim().length, "stdout is empty").toBeGreaterThan(0);
  return JSON.parse(stdout);
}

/** The codes the text on stderr shows: `error[CS101]` or `error CS802:`. */
function textCodes(stderr: string): string[] {
  return [...new Set([...stderr.matchAll(/error[[ ](CS\d{3})/g)].map((m) => m[1]))].sort();
}

describe("--json: every outcome is one JSON document on stdout", () => {
  it("--json: an invalid scenario gives exit 2 and its errors, with the codes stderr shows", async () => {
    for (const command of ["run", "check", "replay", "shrink"]) {
      const r = await runCli([command, "cli/fixtures/bad/broken.yaml", "--json"]);
      expect(r.code, command).toBe(2);
      const doc = oneDocument(r.stdout);
      expect(doc).toMatchObject({ ok: false, exitCode: 2 });
      const codes = [...new Set(doc.errors.map((e: { code: string }) => e.code))].sort();
      expect(codes.length).toBeGreaterThan(0);
      expect(codes, command).toEqual(textCodes(r.stderr));
      expect(doc.errors[0]).toHaveProperty("line");
    }
  });

  it("--json: a missing file is CS805 in the text and in the document", async () => {
    const r = await runCli(["run", "no/such/file.yaml", "--json"]);
    expect(r.code).toBe(2);
    expect(textCodes(r.stderr)).toEqual(["CS805"]);
    expect(oneDocument(r.stdout).errors).toMatchObject([{ code: "CS805", file: "no/such/file.yaml" }]);
    const v = await runCli(["validate", "no/such/file.yaml", "--json"]);
    expect(oneDocument(v.stdout)).toMatchObject([{ valid: false, code: "CS805" }]);
  });

  it("--json: a bad flag is its CLI code, even though the line never parsed", async () => {
    const r = await runCli(["run", "cli/fixtures/suite/echo.yaml", "--sed", "3", "--json"]);
    expect(r.code).toBe(2);
    expect(oneDocument(r.stdout)).toMatchObject({ ok: false, exitCode: 2, errors: [{ code: "CS802", hint: "did you mean --seed?" }] });
    const bad = await runCli(["check", "cli/fixtures/suite", "--seeds", "9..1", "--json"]);
    expect(bad.code).toBe(2);
    expect(oneDocument(bad.stdout).errors[0].code).toBe(textCodes(bad.stderr)[0]);
  });

  it("--json: an internal error is exit 3 and CS901, with the stack in the document", async () => {
    const r = await runCli(["run", "cli/fixtures/bad/internal.yaml", "--json"]);
    expect(r.code).toBe(3);
    const doc = oneDocument(r.stdout);
    expect(doc).toMatchObject({ ok: false, exitCode: 3, errors: [{ code: "CS901" }] });
    expect(doc.errors[0].stack).toContain("checker bug");
    expect(textCodes(r.stderr)).toEqual(["CS901"]);
  });

  it("--json: without --json nothing of this goes to stdout", async () => {
    const r = await runCli(["run", "cli/fixtures/bad/broken.yaml"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
  });
});
