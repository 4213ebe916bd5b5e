import { describe, expect, it } from "vitest";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "./fixtures/capture";
import { unwritableDir } from "./fixtures/unwritable";
import { TraceWriter } from "./shared/trace-writer";
import { nodeFileOps } from "../scenarios/write/file-ops";
import { CliError } from "./shared/exit-codes";

const echo = "cli/fixtures/suite/echo.yaml";

/** The real host's refusal: chmod 555 when it binds this process, else ENOTDIR (as root). */
function place() {
  const u = unwritableDir();
  console.info(`write-failures: the host refuses ${u.dir} with ${u.code}${u.code === "ENOTDIR" ? " (running as root, where chmod 555 does not stop writes)" : ""}`);
  return u;
}

describe("writes the host refuses: CS813, the path, exit 2, nothing left behind", () => {
  it("write failures: run --report into an unwritable --out", async () => {
    const u = place();
    const before = u.entries();
    const r = await runCli(["run", echo, "--report", "json,md", "--out", u.dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error CS813: cannot write reports into");
    expect(r.stderr).toContain(u.dir);
    expect(r.stderr).toContain(`(${u.code})`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(u.entries()).toEqual(before);
  });

  it("write failures: run --trace into an unwritable folder", async () => {
    const u = place();
    const before = u.entries();
    const r = await runCli(["run", echo, "--trace", join(u.dir, "t.jsonl")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error CS813: cannot write the trace .*t\.jsonl/);
    expect(u.entries()).toEqual(before);
  });

  it("write failures: check --report --json gives one JSON document, the error's", async () => {
    const u = place();
    const before = u.entries();
    const r = await runCli(["check", echo, "--seeds", "1..2", "--workers", "0", "--report", "json", "--out", u.dir, "--json"]);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ ok: false, exitCode: 2, errors: [{ code: "CS813" }] });
    expect(doc.errors[0].message).toContain(u.dir);
    expect(doc.errors[0].hint).toMatch(/nothing was left half-written/);
    expect(u.entries()).toEqual(before);
  });

  it("write failures: shrink --out into an unwritable folder", async () => {
    const u = place();
    const before = u.entries();
    const r = await runCli(["shrink", "cli/fixtures/planted-bug.yaml", "--seed", "1", "--max-runs", "3", "--out", join(u.dir, "min.yaml")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error CS813: cannot write the shrunk scenario .*min\.yaml/);
    expect(u.entries()).toEqual(before);
  }, 60_000);

  it("write failures: init where a starter folder cannot be made writes no starter file at all", async () => {
    const dir = mkdtempSync(join(tmpdir(), "clustersim-init-"));
    writeFileSync(join(dir, "package.json"), "{}\n");
    // .github is a regular file: the workflow, written last, cannot go under it.
    writeFileSync(join(dir, ".github"), "not a folder\n");
    const r = await runCli(["init", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error CS813: cannot write the starter file .*fault-tolerance\.yml: a part of the path is a file, not a folder \(ENOTDIR\)/);
    expect(readdirSync(dir).sort()).toEqual([".github", "clustersim", "package.json"]);
    expect(readdirSync(join(dir, "clustersim"))).toEqual([]);
  });

  it("write failures: a trace whose disk fills up during the run is CS813 at commit, with no temporary file", () => {
    const dir = mkdtempSync(join(tmpdir(), "clustersim-full-"));
    const full = { ...nodeFileOps, write: () => { throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" }); } };
    const traces = new TraceWriter(dir, "t.jsonl", false, full);
    const file = traces.open("echo", 1)!;
    file.sink(new Uint8Array([123, 125, 10])); // the engine goes on; the failure waits for commit
    file.sink(new Uint8Array([123, 125, 10]));
    let thrown: unknown;
    try {
      file.commit();
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(CliError);
    expect(thrown).toMatchObject({ code: "CS813", exitCode: 2, message: "cannot write the trace t.jsonl: no space left on the device (ENOSPC)" });
    expect(readdirSync(dir)).toEqual([]);
  });
});
