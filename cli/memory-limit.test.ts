import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { memoryGuard, historyKeepers } from "./shared/memory-guard";
import { CliError, ExitCode } from "./shared/exit-codes";
import { loadAll } from "./shared/load-all";

const root = fileURLToPath(new URL("..", import.meta.url));
const bin = fileURLToPath(new URL("../bin/clustersim.js", import.meta.url));
const hog = "cli/fixtures/memory/keeps-history.yaml";

describe("a run that outgrows the heap stops with CS840, not a crash", () => {
  it("memoryGuard: false below the share of the old generation's limit, CS840 (exit 4) above it", () => {
    let used = 50;
    const guard = memoryGuard(["reads-history"], 0.85, () => ({ used, limit: 100 }));
    expect(guard()).toBe(false);
    used = 86;
    let caught: unknown;
    try { guard(); } catch (e) { caught = e; }
    expect(caught).toBeInstanceOf(CliError);
    expect((caught as CliError).code).toBe("CS840");
    expect((caught as CliError).exitCode).toBe(ExitCode.unknown);
    expect((caught as CliError).message).toContain("reads-history");
  });

  it("historyKeepers names the post-run checks of a scenario, and none of the library's online ones", async () => {
    const io = { stdout: () => {}, stderr: () => {}, isTTY: false, env: {}, cwd: root };
    const [hogFile] = (await loadAll([hog], io, []))!;
    expect(historyKeepers(hogFile.scenario, hogFile.catalogs.checkers)).toEqual(["reads-history"]);
    const [happy] = (await loadAll(["scenarios/library/service/service-happy-path.yaml"], io, []))!;
    expect(historyKeepers(happy.scenario, happy.catalogs.checkers)).toEqual([]);
  }, 60_000);

  it("the real command under a 64 MB old generation: a day of 1 KB history entries ends in CS840 and exit 4", { timeout: 240_000 }, () => {
    const r = spawnSync(process.execPath, ["--max-old-space-size=64", bin, "run", hog, "--timeout", "0"], { cwd: root, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    expect(r.stderr).not.toMatch(/heap out of memory/i);
    expect(r.stderr).toMatch(/error CS840: the run was stopped before the JavaScript heap ran out: it held \d+ MB of the heap's \d+ MB limit; its check reads-history reads the whole history/);
    expect(r.stderr).toContain("make the check online");
    expect(r.status).toBe(ExitCode.unknown);
  });
});
