import { describe, expect, it } from "vitest";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hashString } from "../engine/index";
import { runCli } from "./fixtures/capture";

const echo = "cli/fixtures/suite/echo.yaml";

describe("clustersim run", () => {
  it("run: prints the summary with the file's first seed, the trace hash and the replay command; exit 0", async () => {
    const r = await runCli(["run", echo]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/✓ PASSED echo · seed 1/);
    expect(r.stdout).toMatch(/trace [0-9a-f]{16}/);
    expect(r.stdout).toContain("replay: clustersim replay cli/fixtures/suite/echo.yaml --seed 1");
    expect(r.stdout).toMatch(/crash s1 for 500ms \(script\)/);
  });

  it("run: --json prints only the result; --seed picks the seed; the same seed gives the same hash", async () => {
    const a = await runCli(["run", echo, "--seed", "2", "--json"]);
    const b = await runCli(["run", echo, "--seed", "2", "--json"]);
    const ra = JSON.parse(a.stdout);
    expect(ra).toMatchObject({ scenario: "echo", seed: 2, passed: true });
    expect(ra.traceHash).toMatch(/^[0-9a-f]{16}$/);
    expect(JSON.parse(b.stdout).traceHash).toBe(ra.traceHash);
    const c = JSON.parse((await runCli(["run", echo, "--seed", "3", "--json"])).stdout);
    expect(c.traceHash).not.toBe(ra.traceHash);
  });

  it("run: a failing check exits 1 and says which", async () => {
    const r = await runCli(["run", "cli/fixtures/suite/lost-write.yaml"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ FAILED lost-write/);
    expect(r.stdout).toMatch(/✗ unique-acks\s+violated/);
  });

  it("run: --set overrides a value, and the replay command carries it", async () => {
    const r = await runCli(["run", echo, "--set", "expect.0=p99(latency) < 1us", "--json"]);
    expect(r.code).toBe(1);
    const result = JSON.parse(r.stdout);
    expect(result.expectations[0]).toMatchObject({ passed: false, text: "p99(latency) < 1us" });
    expect(result.replay).toBe("clustersim replay cli/fixtures/suite/echo.yaml --set 'expect.0=p99(latency) < 1us' --seed 1");
  });

  it("run: an invalid file gives file:line:col and a caret, never a stack trace, and nothing runs (exit 2)", async () => {
    const r = await runCli(["run", echo, "cli/fixtures/bad/broken.yaml"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("--> cli/fixtures/bad/broken.yaml:2:1");
    expect(r.stderr).toContain("2 | duraton: 2s");
    expect(r.stderr).toContain("  | ^^^^^^^");
    expect(r.stderr).toContain('did you mean "duration"?');
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stderr).toContain("1 of 2 files is invalid; nothing ran");
  });

  it("run: a missing file is bad input that names it", async () => {
    const r = await runCli(["run", "cli/fixtures/nope.yaml"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("cannot read cli/fixtures/nope.yaml: no such file");
  });

  it("run: --report writes the asked-for files into --out, whole", async () => {
    const out = mkdtempSync(join(tmpdir(), "clustersim-run-"));
    const r = await runCli(["run", echo, "--report", "json,md,junit", "--out", out]);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["junit.xml", "result.json", "summary.md"]);
    expect(JSON.parse(readFileSync(join(out, "result.json"), "utf8")).scenario).toBe("echo");
    expect(r.stderr).toContain("wrote 3 report files");
  });

  it("run: --trace writes the canonical trace, whose hash is the run's trace hash", async () => {
    const dir = mkdtempSync(join(tmpdir(), "clustersim-trace-"));
    const r = await runCli(["run", echo, "--seed", "2", "--trace", join(dir, "t.jsonl"), "--json"]);
    const text = readFileSync(join(dir, "t.jsonl"), "utf8");
    expect(text.split("\n")[0]).toMatch(/^\{"incarnation":0,"kind":"start",/);
    expect(hashString(text)).toBe(JSON.parse(r.stdout).traceHash);
    const many = await runCli(["run", echo, "cli/fixtures/suite/lost-write.yaml", "--trace", join(dir, "all")]);
    expect(readdirSync(join(dir, "all")).sort()).toEqual(["echo-seed-1.jsonl", "lost-write-seed-1.jsonl"]);
    expect(many.stderr).toContain("wrote 2 traces to");
  });

  it("run: --report ecs,gelf,openmetrics writes the log and metrics exports, on the --epoch given", async () => {
    const out = mkdtempSync(join(tmpdir(), "clustersim-run-"));
    const r = await runCli(["run", echo, "--report", "ecs,gelf,openmetrics", "--epoch", "2026-05-01T12:00:00Z", "--out", out]);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["logs.ecs.ndjson", "logs.gelf.ndjson", "metrics.openmetrics.txt"]);
    const first = JSON.parse(readFileSync(join(out, "logs.ecs.ndjson"), "utf8").split("\n")[0]);
    expect(first["@timestamp"]).toBe("2026-05-01T12:00:00.000000Z");
    expect(first.labels).toMatchObject({ scenario: "echo", seed: "1" });
    expect(JSON.parse(readFileSync(join(out, "logs.gelf.ndjson"), "utf8").split("\n")[0]).timestamp).toBe(Date.UTC(2026, 4, 1, 12) / 1000);
    expect(readFileSync(join(out, "metrics.openmetrics.txt"), "utf8")).toMatch(/# EOF\n$/);
  });

  it("run: an --epoch without a zone is bad input before anything runs (CS814)", async () => {
    const r = await runCli(["run", echo, "--report", "ecs", "--epoch", "2026-01-01T00:00:00"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("CS814");
    expect(r.stdout).toBe("");
  });

  it("run: an unknown report kind is bad input before anything runs", async () => {
    const r = await runCli(["run", echo, "--report", "jsno"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown report kind "jsno"');
    expect(r.stdout).toBe("");
  });

  it("run: --timeout stops a run that outlives it, which then exits 4 (undecided, CS810)", async () => {
    const r = await runCli(["run", echo, "--set", "duration=1h", "--timeout", "200ms", "--json"]);
    const result = JSON.parse(r.stdout);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain("error CS810");
    expect(result.stopReason).toBe("interrupted");
    expect(result.stats.virtualTime).toBeLessThan(3600e6);
    const bad = await runCli(["run", echo, "--timeout", "soon"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--timeout soon");
  });
});

describe("clustersim replay", () => {
  it("replay: runs the seed again, prints its events, and gives the same trace hash as run", async () => {
    const run = JSON.parse((await runCli(["run", echo, "--seed", "2", "--json"])).stdout);
    const r = await runCli(["replay", echo, "--seed", "2"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Replay of echo, seed 2: \d+ events/);
    expect(r.stdout).toMatch(/500ms\s+crash s1/);
    expect(r.stdout).toContain(`trace ${run.traceHash}`);
  });
});
