import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "./fixtures/capture";
import { WORKER_DEATH_ENV } from "../scenarios/runner/worker-death-hook";

const echo = "cli/fixtures/suite/echo.yaml";

/** Runs `check` over four seeds in two worker threads, the one on seed 2 dying as `how` says. */
async function checkWithDeath(how: "throw" | "oom" | "exit", json = false) {
  process.env[WORKER_DEATH_ENV] = `${how}@2`;
  process.env.CLUSTERSIM_WORKER_HEAP_MB = "48";
  return runCli(["check", echo, "--seeds", "1..4", "--workers", "2", ...(json ? ["--json"] : [])]);
}

afterEach(() => {
  delete process.env[WORKER_DEATH_ENV];
  delete process.env.CLUSTERSIM_WORKER_HEAP_MB;
});

describe("check: a worker thread that dies loses only its run", () => {
  for (const [how, why] of [["throw", /its worker thread threw/], ["oom", /its worker thread ran out of memory/], ["exit", /its worker thread was killed/]] as const) {
    it(`worker death (${how}): an internal error for seed 2 with its replay command; seeds 1, 3, 4 finish; exit 3`, async () => {
      const r = await checkWithDeath(how);
      expect(r.code).toBe(3);
      expect(r.stdout).toMatch(new RegExp(`✗ echo seed 2 \\(${echo.replace(/\./g, "\\.")}\\) crashed the runner: ${why.source}`));
      expect(r.stdout).toContain(`replay: clustersim replay ${echo} --seed 2`);
      expect(r.stdout).toMatch(/^4 runs on 2 worker threads/m);
      const json = await checkWithDeath(how, true);
      const doc = JSON.parse(json.stdout);
      expect(doc.results.map((x: { seed: number }) => x.seed)).toEqual([1, 3, 4]);
      expect(doc.errors).toMatchObject([{ seed: 2, kind: "internal", replay: `clustersim replay ${echo} --seed 2` }]);
    }, 60_000);
  }
});
