import { describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { expandPaths } from "./shared/expand-paths";
import { libraryDir } from "./shared/library-dir";
import { runCli } from "./fixtures/capture";

const files = existsSync(libraryDir()) ? expandPaths([libraryDir()], "/") : [];

/** Seeds of the library check; CLUSTERSIM_LIBRARY_SEEDS=1..20 runs more (a nightly job, say). */
const seeds = process.env.CLUSTERSIM_LIBRARY_SEEDS ?? "1..2";

/**
 * The library check of `npm test`: every scenario of the library over a few seeds, each seed run
 * twice in different worker threads. Its expectations must hold (a scenario that demonstrates a
 * failure expects its checker to catch it), and no two runs of a seed may differ, so no change
 * can slip nondeterminism in.
 */
describe("scenario library", () => {
  it.skipIf(files.length === 0)(`library: every scenario holds its expectations over seeds ${seeds}, deterministically`, async () => {
    const r = await runCli(["check", "scenarios/library", "--seeds", seeds, "--determinism"]);
    // The whole summary in the message: a failure names the scenario, the seed and the replay.
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).not.toContain("nondeterministic");
    expect(r.stdout).toMatch(/✓ all passed/);
  }, 1_200_000);
});
