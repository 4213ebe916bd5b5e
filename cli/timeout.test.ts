import { beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { runCli } from "./fixtures/capture";
import { ExitCode } from "./shared/exit-codes";

const happy = "scenarios/library/service/service-happy-path.yaml";
// The run: a hundred thousand hours at 5,000 requests a second, far beyond any limit.
const endless = [happy, "--set", "duration=100000h", "--set", "workload.rate=5000/s"];

describe("--timeout limits the whole command", () => {
  // In this process the first command also compiles every module it imports (vitest's
  // transform); the real command pays that at start-up, which the spawned test below counts.
  beforeAll(async () => { await runCli(["run", happy, "--set", "duration=5s"]); }, 60_000);

  it("run: a 2 s limit on an endless run returns within 3.5 s, says CS810 and exits 4", { timeout: 30_000 }, async () => {
    const started = performance.now();
    const r = await runCli(["run", ...endless, "--timeout", "2s"]);
    const seconds = (performance.now() - started) / 1000;
    expect(seconds).toBeLessThan(3.5);
    expect(r.code).toBe(ExitCode.unknown);
    expect(r.stderr).toMatch(/error CS810: .* stopped at the wall-clock limit \(--timeout 2s\)/);
    expect(r.stderr).toContain("raise --timeout");
    expect(r.stdout).toMatch(/stopped: interrupted by the host/);
    expect(r.stdout).toMatch(/trace [0-9a-f]{16}/);
  });

  it("replay: the same limit, the same outcome, with --json on stdout", { timeout: 30_000 }, async () => {
    const started = performance.now();
    const r = await runCli(["replay", ...endless, "--seed", "2", "--timeout", "2s", "--json"]);
    expect((performance.now() - started) / 1000).toBeLessThan(3.5);
    expect(r.code).toBe(ExitCode.unknown);
    expect(JSON.parse(r.stdout)).toMatchObject({ seed: 2, stopReason: "interrupted", passed: false });
  });

  it("the real command counts its own start-up: an 8 s limit returns within 8.8 s of spawning", { timeout: 60_000 }, () => {
    const bin = fileURLToPath(new URL("../bin/clustersim.js", import.meta.url));
    const cwd = fileURLToPath(new URL("..", import.meta.url));
    const started = performance.now();
    const r = spawnSync(process.execPath, [bin, "run", ...endless, "--timeout", "8s"], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    const seconds = (performance.now() - started) / 1000;
    expect(r.status).toBe(ExitCode.unknown);
    expect(r.stderr).toContain("error CS810");
    expect(seconds).toBeLessThan(8.8);
  });
});
