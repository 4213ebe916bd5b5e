import { describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { expandPaths } from "./expand-paths";
import { libraryDir } from "./library-dir";
import { runCli } from "./fixtures/capture";

const files = existsSync(libraryDir()) ? expandPaths([libraryDir()], "/") : [];

/**
 * The library check of `npm test`: every scenario of the library over a few seeds, each seed run
 * twice in different worker threads. Its expectations must hold (a scenario that demonstrates a
 * failure expects its checker to catch it), and no two runs of a seed may differ, so no change
 * can slip nondeterminism in.
 */
describe("scenario library", () => {
  it.skipIf(files.length === 0)("library: every scenario holds its expectations over seeds 1..2, deterministically", async () => {
    const r = await runCli(["check", "scenarios/library", "--seeds", "1..2", "--determinism"]);
    expect(r.stderr.split("\n").filter((l) => /^(error|warning)\[/.test(l))).toEqual([]);
    expect(r.stdout).not.toContain("nondeterministic");
    expect(r.stdout).toMatch(/✓ all passed/);
    expect(r.code).toBe(0);
  }, 600_000);
});
