import { describe, expect, it } from "vitest";
import { runCli } from "./fixtures/capture";

describe("clustersim main", () => {
  it("main: no arguments prints the usage and exits 2", async () => {
    const r = await runCli([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/usage: clustersim COMMAND/);
    expect(r.stdout).toMatch(/check PATH\.\.\./);
  });

  it("main: --version prints the package version and exits 0", async () => {
    const r = await runCli(["--version"]);
    expect(r).toMatchObject({ code: 0 });
    expect(r.stdout).toMatch(/^clustersim \d+\.\d+\.\d+\n$/);
  });

  it("main: help COMMAND lists the command's flags from the options table", async () => {
    const r = await runCli(["help", "check"]);
    expect(r.code).toBe(0);
    for (const flag of ["--seeds A..B", "--workers N", "--shard i/n", "--determinism", "--json"]) expect(r.stdout).toContain(flag);
    expect((await runCli(["check", "--help"])).stdout).toBe(r.stdout);
  });

  it("main: an unknown command is bad input, with the closest command suggested", async () => {
    const r = await runCli(["rnu", "x.yaml"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error CS801: unknown command "rnu"');
    expect(r.stderr).toContain('did you mean "clustersim run"?');
  });

  it("main: an unknown flag is bad input, with the closest flag suggested", async () => {
    const r = await runCli(["run", "cli/fixtures/suite/echo.yaml", "--sed", "3"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error CS802: unknown flag --sed");
    expect(r.stderr).toContain("did you mean --seed?");
    expect(r.stdout).toBe("");
  });

  it("main: a flag another command takes is named as such", async () => {
    const r = await runCli(["run", "cli/fixtures/suite/echo.yaml", "--workers", "2"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"run" does not take --workers');
  });

  it("main: a flag without its value, a bad integer, and too many arguments are bad input", async () => {
    expect((await runCli(["run", "cli/fixtures/suite/echo.yaml", "--seed"])).stderr).toContain("--seed needs a value (N)");
    expect((await runCli(["check", "cli/fixtures/suite", "--workers", "two"])).stderr).toContain('--workers takes a whole number, got "two"');
    const many = await runCli(["shrink", "a.yaml", "b.yaml"]);
    expect(many.code).toBe(2);
    expect(many.stderr).toContain("shrink takes at most 1 argument, got 2");
  });

  it("main: a bug below the CLI is an internal error, exit 3, with its stack", async () => {
    const r = await runCli(["run", "cli/fixtures/bad/internal.yaml"]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("internal error");
    expect(r.stderr).toContain("checker bug");
  });
});
