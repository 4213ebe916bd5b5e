import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { simulate } from "../engine/index";
import { decodeShare } from "../scenarios/share/share-link";
import { runCli } from "./fixtures/capture";
import { benchCommand } from "./commands/bench";
import { demoScenario } from "./shared/demo";
import { firstSentence } from "./commands/list";

describe("clustersim validate", () => {
  it("validate: valid files get a check mark; exit 0", async () => {
    const r = await runCli(["validate", "cli/fixtures/suite/echo.yaml", "cli/fixtures/planted-bug.yaml"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("✓ cli/fixtures/suite/echo.yaml: echo\n✓ cli/fixtures/planted-bug.yaml: planted-bug\n");
  });

  it("validate: an invalid file prints every error with file:line:col and a caret; exit 2", async () => {
    const r = await runCli(["validate", "cli/fixtures/bad/broken.yaml"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error[CS106]");
    expect(r.stderr).toContain("error[CS101]: unknown key \"duraton\"");
    expect(r.stderr).toContain("--> cli/fixtures/bad/broken.yaml:2:1");
    expect(r.stderr).toContain("  = help: did you mean \"duration\"?");
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  it("validate: --json gives each file's verdict and errors with codes and positions", async () => {
    const r = await runCli(["validate", "cli/fixtures/bad/broken.yaml", "cli/fixtures/suite/echo.yaml", "--json"]);
    const v = JSON.parse(r.stdout);
    expect(v.map((x: { valid: boolean }) => x.valid)).toEqual([false, true]);
    expect(v[0].errors).toContainEqual(expect.objectContaining({ code: "CS101", line: 2, column: 1 }));
  });
});

describe("clustersim list", () => {
  it("list: one line per scenario: name, topic, the description's first sentence", async () => {
    const r = await runCli(["list", "cli/fixtures/suite"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^NAME\s+TOPIC\s+WHAT IT SHOWS$/);
    expect(lines[1]).toMatch(/^echo\s+failover\s+Two echo servers and a client\.$/);
    expect(lines[2]).toMatch(/^lost-write\s+testing\s+A counter forgets to sync its disk\.$/);
    expect(lines).toHaveLength(3);
  });

  it("list: a file that does not load is listed with its error; exit 2", async () => {
    const r = await runCli(["list", "cli/fixtures/bad"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/broken\.yaml: invalid: CS10\d/);
  });

  it("list: first sentence of a description stops at the first full stop", () => {
    expect(firstSentence("Two phase commit.  The coordinator\ncrashes.")).toBe("Two phase commit.");
    expect(firstSentence("no stop here")).toBe("no stop here");
  });
});

describe("clustersim view", () => {
  it("view: without a built visualizer says to run npm run build; exit 2", async () => {
    const r = await runCli(["view", "cli/fixtures/suite/echo.yaml"], { env: { CLUSTERSIM_VIZ_PAGE: "/nowhere/index.html" } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("npm run build");
  });

  it("view: prints the page with the scenario, seed and overrides in the URL fragment", async () => {
    const dir = mkdtempSync(join(tmpdir(), "clustersim-viz-"));
    writeFileSync(join(dir, "index.html"), "<!doctype html>");
    const r = await runCli(["view", "cli/fixtures/suite/echo.yaml", "--seed", "3", "--set", "duration=3s"], { env: { CLUSTERSIM_VIZ_PAGE: join(dir, "index.html") } });
    expect(r.code).toBe(0);
    const [page, fragment] = r.stdout.trim().split("#");
    expect(page).toBe(`file://${dir}/index.html`);
    const state = await decodeShare(fragment);
    expect(state?.seed).toBe(3);
    expect(state?.sets).toEqual(["duration=3s"]);
    expect(state?.source).toMatchObject({ kind: "yaml", file: "echo.yaml" });
    expect(state?.source.kind === "yaml" && state.source.text).toContain("name: echo");
  });
});

describe("clustersim view, traces", () => {
  it("view: a trace file gets the page and how to open it there", async () => {
    const dir = mkdtempSync(join(tmpdir(), "clustersim-viz-"));
    writeFileSync(join(dir, "index.html"), "<!doctype html>");
    const trace = join(dir, "run.jsonl");
    expect((await runCli(["run", "cli/fixtures/suite/echo.yaml", "--trace", trace])).code).toBe(0);
    const r = await runCli(["view", trace], { env: { CLUSTERSIM_VIZ_PAGE: join(dir, "index.html") } });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`file://${dir}/index.html\n`);
    expect(r.stderr).toContain(`open ${trace} with its "Open trace" button`);
    expect((await runCli(["view", join(dir, "missing.jsonl")], { env: { CLUSTERSIM_VIZ_PAGE: join(dir, "index.html") } })).code).toBe(2);
  });
});

describe("clustersim bench", () => {
  it("bench: runs bench/main.ts under tsx in a child process, passing the arguments through", () => {
    const cmd = benchCommand(["--quick", "mmc"], "/repo");
    expect(cmd.args).toEqual(["--import", "tsx", "/repo/bench/main.ts", "--quick", "mmc"]);
    expect(cmd.cwd).toBe("/repo");
  });

  it("bench: end to end, flags the CLI does not know pass through to the benchmarks", async () => {
    // A name that picks no benchmark: the child starts, reads its arguments and exits at once.
    const r = await runCli(["bench", "--json", "no-such-benchmark"]);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain("unknown flag");
  }, 60_000);
});

describe("clustersim demo and library", () => {
  it("demo: tells what happened, with the seed and the same trace hash as the engine gives", async () => {
    const r = await runCli(["demo"]);
    expect(r.code).toBe(0);
    const engine = await simulate(demoScenario(), { seed: 7 });
    expect(r.stdout).toMatch(/^clustersim demo: two clients call a replicated echo service/);
    expect(r.stdout).toMatch(/2s\s+crash s1 for 3s \(script\)/);
    expect(r.stdout).toMatch(/4s\s+partition \{c1,s1,s2\} \| \{c2,s3\} for 2s/);
    expect(r.stdout).toContain(`seed 7 · trace ${engine.result.traceHash}`);
    expect(r.stdout).toContain("replay: clustersim demo --seed 7");
  });

  it("library: one table of every scenario with seeds, verdicts, a measured value and a trace hash", async () => {
    const r = await runCli(["library", "cli/fixtures/suite", "--workers", "0"]);
    expect(r.code).toBe(1);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toMatch(/^SCENARIO\s+SEEDS\s+PASSED\s+FAILED\s+MEASURED \(first seed\)\s+TRACE HASH \(first seed\)$/);
    expect(lines[1]).toMatch(/^echo\s+1\.\.3\s+3\s+0\s+p99\(latency\)=[\d.]+ms\s+[0-9a-f]{16}$/);
    expect(lines[2]).toMatch(/^lost-write\s+1\s+0\s+1\s+unique-acks violated\s+[0-9a-f]{16}$/);
    expect(r.stdout).toContain("2 scenarios, 4 runs: 3 passed, 1 failed");
  });

  it("library: an empty library falls back to the built-in demo", async () => {
    const empty = mkdtempSync(join(tmpdir(), "clustersim-lib-"));
    const r = await runCli(["library", empty]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("is empty; running the built-in demo instead");
    expect(r.stdout).toMatch(/^clustersim demo:/);
  });
});
