import { describe, expect, it } from "vitest";
import { runCli } from "./fixtures/capture";

const suite = "cli/fixtures/suite";

describe("clustersim check", () => {
  it("check: lists each failing scenario with its first failing seed and the replay command; exit 1", async () => {
    const r = await runCli(["check", suite, "--seeds", "1..2", "--workers", "0"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ 2 failed: 4 runs of 2 scenarios, 2 passed/);
    expect(r.stdout).toMatch(/✗ lost-write\s+2 of 2 seeds failed; first failing seed 1/);
    expect(r.stdout).toContain("replay: clustersim replay cli/fixtures/suite/lost-write.yaml --seed 1");
    expect(r.stdout).toMatch(/✓ echo\s+2 seeds passed/);
    expect(r.stdout).toContain("4 runs in one thread");
  });

  it("check: without --seeds each file runs its own seeds; a directory skips _bases", async () => {
    const r = await runCli(["check", suite, "--workers", "0", "--json"]);
    const body = JSON.parse(r.stdout);
    const ran = body.results.map((x: { scenario: string; seed: number }) => `${x.scenario}#${x.seed}`);
    expect(ran).toEqual(["echo#1", "echo#2", "echo#3", "lost-write#1"]);
    expect(body).toMatchObject({ passed: false, total: 4, runs: 4, failed: 1 });
  });

  it("check: --shard i/n jobs split the list into disjoint parts that cover it", async () => {
    const whole = JSON.parse((await runCli(["check", suite, "--seeds", "1..5", "--workers", "0", "--json"])).stdout);
    const key = (x: { scenario: string; seed: number; traceHash: string }) => `${x.scenario}#${x.seed}#${x.traceHash}`;
    const parts: string[][] = [];
    for (const i of [1, 2, 3]) {
      const part = JSON.parse((await runCli(["check", suite, "--seeds", "1..5", "--workers", "0", "--shard", `${i}/3`, "--json"])).stdout);
      expect(part.total).toBe(10);
      expect(part.shard).toEqual({ index: i, count: 3 });
      parts.push(part.results.map(key));
    }
    expect(parts.map((p) => p.length)).toEqual([4, 3, 3]);
    expect(parts.flat().sort()).toEqual(whole.results.map(key).sort());
    expect(new Set(parts.flat()).size).toBe(10);
  });

  it("check: a bad --shard or --seeds is bad input", async () => {
    const shard = await runCli(["check", suite, "--shard", "4/3"]);
    expect(shard.code).toBe(2);
    expect(shard.stderr).toContain("--shard 4/3: i must be from 1 to n");
    const seeds = await runCli(["check", suite, "--seeds", "5..1"]);
    expect(seeds.code).toBe(2);
    expect(seeds.stderr).toContain("the range 5..1 is empty");
  });

  it("check: one invalid file under the paths means nothing runs, exit 2", async () => {
    const r = await runCli(["check", suite, "cli/fixtures/bad/broken.yaml", "--workers", "0"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("cli/fixtures/bad/broken.yaml:2:1");
  });

  it("check: --determinism in worker threads names the nondeterministic seeds and where the traces part", async () => {
    const r = await runCli(["check", "cli/fixtures/leaky", suite, "--seeds", "1..2", "--determinism", "--workers", "2"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("✗ nondeterministic: leaky seed 1 (cli/fixtures/leaky/leaky.yaml): two runs differed");
    expect(r.stdout).toContain("✗ nondeterministic: leaky seed 2");
    expect(r.stdout).not.toContain("nondeterministic: echo");
    expect(r.stdout).not.toContain("nondeterministic: lost-write");
    expect(r.stdout).toContain("first difference, trace line 2:");
    expect(r.stdout).toMatch(/run 1: \{"event":"started","fields":\{"count":\d+\}/);
    expect(r.stdout).toContain("on 2 worker threads");
  }, 120_000);

  it("check: progress is plain lines off a terminal and a redrawn bar on one", async () => {
    const plain = await runCli(["check", suite, "--seeds", "1..5", "--workers", "0"]);
    expect(plain.stderr).toMatch(/^check: 1\/10 runs\n/m);
    expect(plain.stderr).toMatch(/^check: 10\/10 runs, 5 failed\n/m);
    const tty = await runCli(["check", suite, "--seeds", "1..5", "--workers", "0"], { isTTY: true });
    expect(tty.stderr).toContain("\r\x1b[2Kcheck [");
    expect(tty.stderr).toContain("10/10, 5 failed");
    const ci = await runCli(["check", suite, "--seeds", "1..5", "--workers", "0"], { isTTY: true, env: { CI: "true" } });
    expect(ci.stderr).not.toContain("\x1b");
    const json = await runCli(["check", suite, "--seeds", "1..5", "--workers", "0", "--json"]);
    expect(json.stderr).toBe("");
  });
});
