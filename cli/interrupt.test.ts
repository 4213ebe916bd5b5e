import { describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;

/** The processes whose parent is `pid` (Linux /proc), to see that none outlives the CLI. */
function childrenOf(pid: number): number[] {
  return readdirSync("/proc").filter((d) => /^\d+$/.test(d)).flatMap((d) => {
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid ? [Number(d)] : [];
    } catch {
      return [];
    }
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("Ctrl-C during check", () => {
  it("interrupt: SIGINT after the first progress line stops the workers, prints and writes the results so far, exits 130", async () => {
    const out = mkdtempSync(join(tmpdir(), "clustersim-sigint-"));
    const child = spawn(process.execPath, ["bin/clustersim.js", "check", "cli/fixtures/suite/echo.yaml", "--seeds", "1..1000", "--workers", "2", "--report", "json", "--out", out], {
      cwd: root, env: { ...process.env, CI: "", NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let kids: number[] = [];
    let sentAt = 0;
    child.stdout.on("data", (d) => { stdout += d; });
    child.stderr.on("data", (d) => {
      stderr += d;
      if (sentAt === 0 && /check: \d+\/1000 runs/.test(stderr)) {
        kids = childrenOf(child.pid!);
        for (let i = 0; i < kids.length; i++) kids.push(...childrenOf(kids[i]));
        sentAt = Date.now();
        child.kill("SIGINT");
      }
    });
    const code = await new Promise<number | null>((done) => child.on("exit", (c) => done(c)));
    expect(sentAt, "no progress line came").toBeGreaterThan(0);
    expect(code, stderr).toBe(130);
    // The workers stop at once: nowhere near the time the remaining runs would take.
    expect(Date.now() - sentAt).toBeLessThan(15_000);
    const m = /✗ interrupted \(Ctrl-C\) after (\d+) of 1000 runs; the results so far:/.exec(stdout);
    expect(m, stdout).not.toBeNull();
    const finished = Number(m![1]);
    expect(finished).toBeGreaterThanOrEqual(100);
    expect(finished).toBeLessThan(1000);
    expect(stdout).toMatch(new RegExp(`^${finished} runs on 2 worker threads`, "m"));
    expect(stderr).toContain(`check interrupted after ${finished} of 1000 runs (exit 130)`);
    // The report holds the same runs, and nothing half-written is left in the folder.
    const files = readdirSync(out);
    expect(files.filter((f) => f.endsWith(".tmp"))).toEqual([]);
    const report = JSON.parse(readFileSync(join(out, files.find((f) => f.endsWith(".json"))!), "utf8"));
    expect(JSON.stringify(report)).toContain('"seed"');
    expect(alive(child.pid!)).toBe(false);
    // Helpers the CLI started (tsx's esbuild service) end when their pipe to it closes: give them 5 s.
    const left = async () => {
      for (let t = 0; t < 50; t++) {
        const living = kids.filter(alive);
        if (living.length === 0) return [];
        await new Promise((r) => setTimeout(r, 100));
      }
      return kids.filter(alive).map((k) => `${k}: ${readFileSync(`/proc/${k}/cmdline`, "utf8").replace(/\0/g, " ")}`);
    };
    expect(await left(), "processes that outlived the CLI").toEqual([]);
  }, 90_000);
});
