/**
 * One row of the bench's scenario section, in a process of its own so that its peak memory is
 * its own: `clustersim run FILE --set ... --timeout 0 --report json --out DIR` exactly as the
 * command line runs it (load, run, checks, expectations, the summary, the report file, the
 * hash), called in this process through `main`. The command's modules are imported first, so
 * the figures leave out the TypeScript compilation a checkout pays at every start (the startup
 * section measures that). Prints one JSON line: events, wall and CPU seconds of the command,
 * the run's own wall time, the process's peak RSS, the verdict and the trace hash.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../cli/main";
import type { RunResult } from "../engine/result";

const [file, ...sets] = process.argv.slice(2);
await import("../cli/commands/run");
await import("../reports/index");
const out = mkdtempSync(join(tmpdir(), "clustersim-bench-"));
let stderr = "";
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const code = await main(["run", file, ...sets.flatMap((s) => ["--set", s]), "--timeout", "0", "--report", "json", "--out", out], {
  stdout: () => {}, stderr: (s) => { stderr += s; }, isTTY: false, env: {}, cwd: process.cwd(),
});
const wallSeconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
if (code !== 0 && code !== 1) {
  process.stderr.write(stderr);
  process.exit(2);
}
const result = JSON.parse(readFileSync(join(out, "result.json"), "utf8")) as RunResult;
rmSync(out, { recursive: true, force: true });
console.log(JSON.stringify({
  events: result.stats.events,
  wall_s: wallSeconds,
  cpu_s: (cpu.user + cpu.system) / 1e6,
  run_wall_s: (result.stats.wallTimeMs ?? 0) / 1000,
  peak_rss_mb: process.resourceUsage().maxRSS / 1000,
  passed: result.passed,
  stop: result.stopReason,
  trace_hash: result.traceHash,
}));
