import type { Scenario, Seed } from "../../engine/scenario";
import type { RunReport } from "../../reports/report-input";
import { MS, SECOND } from "../../engine/core/time";
import { simulate } from "../../engine/index";
import { jsonReport } from "../../reports/json";
import { terminalReport } from "../../reports/terminal";
import type { FlagValues } from "./flags";
import type { CliIO } from "./io";
import { useColor } from "./io";
import { ExitCode } from "./exit-codes";
import { parseSeed } from "./flag-values";
import { TraceWriter } from "./trace-writer";

/** The demo's default seed: any seed works; this one is what `npm start` shows on an empty library. */
export const DEMO_SEED = 7;

/**
 * The built-in demo: three echo servers (a replicated service), two clients that spread their
 * calls over the replicas and fail over on errors, and two faults: the first server crashes at
 * 2 s and restarts at 5 s, and from 4 s to 6 s a partition cuts the second client and the third
 * server off from the rest. The checks say every call still ended and p99 latency stayed low.
 */
export function demoScenario(): Scenario {
  const server = { kind: "echo-server", config: { serviceTime: 2 * MS } };
  return {
    name: "demo",
    description: "Clients call a replicated echo service through a crash and a partition; failover keeps every call answered.",
    duration: 10 * SECOND,
    seed: DEMO_SEED,
    nodes: [{ name: "s1" }, { name: "s2" }, { name: "s3" }, { name: "c1" }, { name: "c2" }],
    processes: [
      { node: "s1", name: "echo", ...server },
      { node: "s2", name: "echo", ...server },
      { node: "s3", name: "echo", ...server },
      { node: "c1", name: "client", kind: "echo-client", config: { targets: ["s1/echo", "s2/echo", "s3/echo"], rate: 50 } },
      { node: "c2", name: "client", kind: "echo-client", config: { targets: ["s2/echo", "s3/echo", "s1/echo"], rate: 50 } },
    ],
    network: { latency: { dist: "lognormal", median: 2 * MS, sigma: 0.5 } },
    faults: [
      { at: 2 * SECOND, action: "crash", node: "s1", duration: 3 * SECOND },
      { at: 4 * SECOND, action: "partition", groups: [["c1", "s1", "s2"], ["c2", "s3"]], duration: 2 * SECOND },
    ],
    checks: [{ name: "every-call-ends" }],
    expect: [{ metric: "latency", stat: "p99", op: "<", value: 250 * MS, text: "p99(latency) < 250ms" }],
  };
}

/** Runs the demo and returns its report and the story to print. */
export async function runDemo(seed: Seed = DEMO_SEED, options: { color?: boolean } = {}): Promise<{ report: RunReport; text: string; jsonl: string }> {
  const sim = await simulate(demoScenario(), { seed, replayCommand: "clustersim demo", wallClock: () => performance.now() });
  const report: RunReport = { result: sim.result, trace: sim.trace ? sim.trace.events() : null };
  const r = sim.result;
  const calls = r.metrics.counters["calls.total"] ?? 0;
  const errors = r.metrics.counters["calls.error"] ?? 0;
  const intro = [
    "clustersim demo: two clients call a replicated echo service (s1, s2, s3) at 50 calls/s each.",
    "At 2s server s1 crashes (it restarts at 5s); from 4s to 6s a partition cuts c2 and s3 off from the rest.",
    `${calls} calls; ${errors} failed (a crashed or unreachable replica), and after each failure the client moved on to the next replica.`,
    "",
  ].join("\n");
  return { report, text: intro + terminalReport(report, { color: options.color ?? false }), jsonl: sim.trace ? sim.trace.toJSONL() : "" };
}

/**
 * Runs the demo and prints it (`--json` for the result, `--trace` to save the trace); the exit
 * code says whether its checks held. Both `demo` and `library` (on an empty library) call it.
 */
export async function printDemo(flags: Pick<FlagValues, "seed" | "trace" | "json">, io: CliIO): Promise<number> {
  const seed = flags.seed === undefined ? DEMO_SEED : parseSeed(flags.seed);
  const { report, text, jsonl } = await runDemo(seed, { color: useColor(io) });
  if (flags.trace !== undefined) {
    const traces = new TraceWriter(io.cwd, flags.trace, false);
    traces.write(report.result.scenario, report.result.seed, jsonl);
    traces.report(io);
  }
  io.stdout(flags.json ? jsonReport(report.result) : text);
  return report.result.passed ? ExitCode.ok : ExitCode.failed;
}
