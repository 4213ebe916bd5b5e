import { describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runCli } from "./fixtures/capture";

describe("clustersim shrink", () => {
  it("shrink: writes a minimal scenario that still fails, without the nemesis; exit 1", async () => {
    // Inside the project, where a user keeps the shrunk file as a regression test: a scenario
    // outside it may not name the project's modules (the trust rule, CS404).
    const outRoot = fileURLToPath(new URL("../out", import.meta.url));
    mkdirSync(outRoot, { recursive: true });
    const dir = mkdtempSync(join(outRoot, "shrink-"));
    const out = join(dir, "minimal.yaml");
    const r = await runCli(["shrink", "cli/fixtures/planted-bug.yaml", "--seed", "1", "--out", out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/seed 1 fails unique-acks/);
    expect(r.stdout).toMatch(/Shrunk the fault schedule from 2\d to 1 fault in \d+ runs:/);
    expect(r.stdout).toMatch(/crash db for \d+ms/);
    expect(r.stdout).toContain(`replay: clustersim replay ${out} --seed 1`);

    const yaml = readFileSync(out, "utf8");
    expect(yaml).toMatch(/^# Shrunk by `clustersim shrink cli\/fixtures\/planted-bug.yaml --seed 1`/);
    expect(yaml).not.toMatch(/^nemesis:/m);
    expect(yaml).toMatch(/^seed: 1$/m);
    expect(yaml).toContain("# A counter that forgets to sync its disk");

    // The written file loads on its own (its module path rewritten for its new place) and fails.
    const again = await runCli(["run", out, "--json"], { cwd: "/" });
    expect(again.code).toBe(1);
    const result = JSON.parse(again.stdout);
    expect(result.faults).toHaveLength(1);
    expect(result.faults[0].fault).toMatchObject({ action: "crash", node: "db" });
    expect(result.checks[0]).toMatchObject({ name: "unique-acks", passed: false });
  }, 120_000);

  it("shrink: without --out prints the scenario on stdout and the story on stderr", async () => {
    const r = await runCli(["shrink", "cli/fixtures/planted-bug.yaml", "--max-runs", "3"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^# Shrunk by/);
    expect(r.stdout).toMatch(/^faults:$/m);
    expect(r.stderr).toMatch(/in 3 runs/);
  }, 60_000);

  it("shrink: a seed that passes has nothing to shrink; exit 0", async () => {
    const r = await runCli(["shrink", "cli/fixtures/suite/echo.yaml", "--seed", "2"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("cli/fixtures/suite/echo.yaml seed 2 passes: there is no failure to shrink\n");
  });
});
