/**
 * The scenario section of `npm run bench`: library scenarios run end to end, as a user runs
 * them, at multiples of their default duration, each row in a child process of its own
 * (`scenario-row.ts`) so that its peak RSS is its own. Events per second here are events per
 * wall second of the whole command after start-up (load, run, checks, report, hash), which is
 * what a user waits for; the micro benchmarks count the event loop alone.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/** One row: a library file, what is changed in it, and by how much its duration is multiplied. */
export interface ScenarioRow {
  file: string;
  /** Its default duration in seconds, multiplied by `times`. */
  seconds: number;
  times: number;
  /** Extra `--set` overrides (the workload's rate). */
  sets?: readonly string[];
  /** The workload's default `requests`, when it has a count: multiplied by `times` too. */
  requests?: number;
  label: string;
  /** How the row names its length, when not as a multiple (`times`) of the default. */
  length?: string;
}

/** What one row measured. */
export interface ScenarioFigure {
  events: number;
  wall_s: number;
  cpu_s: number;
  run_wall_s: number;
  peak_rss_mb: number;
  passed: boolean;
  stop: string;
  trace_hash: string | null;
}

const HAPPY = "scenarios/library/service/service-happy-path.yaml";
const TWO_PC = "scenarios/library/commit/2pc-happy-path.yaml";

/**
 * The rows: service-happy-path at its own 50 req/s and 2pc-happy-path (its client's request
 * count grows with the duration) at 10×, 100× and 1,000× their durations, and service-happy-path
 * at 1,000 req/s at 1× and 10× (100× would be 24 M events, 1,000× 240 M: beyond a bench run on
 * a shared machine), and issue #10's headline run: service-happy-path for 2,000 s at 1,000 req/s
 * (8 M events; it ran out of memory before the checks went online). `--quick` keeps the shortest
 * row of each and leaves the headline out; `maxTimes` caps the multiple.
 */
export function scenarioRows(quick: boolean, maxTimes = Infinity): ScenarioRow[] {
  const keep = (times: number[]) => (quick ? times.slice(0, 1) : times.filter((t) => t <= maxTimes));
  return [
    ...keep([10, 100, 1000]).map((times) => ({ file: HAPPY, seconds: 60, times, label: "service-happy-path 50/s" })),
    ...keep([1, 10]).map((times) => ({ file: HAPPY, seconds: 60, times, sets: ["workload.rate=1000/s"], label: "service-happy-path 1000/s" })),
    ...(quick ? [] : [{ file: HAPPY, seconds: 2000, times: 1, sets: ["workload.rate=1000/s"], label: "service-happy-path 1000/s", length: "2000s" }]),
    ...keep([10, 100, 1000]).map((times) => ({ file: TWO_PC, seconds: 10, requests: 100, times, label: "2pc-happy-path" })),
  ];
}

const root = fileURLToPath(new URL("..", import.meta.url));
const rowScript = fileURLToPath(new URL("./scenario-row.ts", import.meta.url));

/**
 * Runs one row in a child process (tsx, as a checkout runs the command) and reads its figures.
 * A row whose process dies (out of memory, say) is a figure too: its error, its wall time and
 * the peak RSS it reached, so the rest of the bench still runs.
 */
export function runScenarioRow(row: ScenarioRow): ScenarioFigure | { error: string; wall_s: number } {
  const sets = [
    `duration=${row.seconds * row.times}s`, "limits.maxEvents=1000000000",
    ...(row.requests ? [`workload.requests=${row.requests * row.times}`] : []), ...(row.sets ?? []),
  ];
  const started = performance.now();
  const r = spawnSync(process.execPath, ["--import", "tsx", rowScript, row.file, ...sets], { cwd: root, encoding: "utf8", maxBuffer: 1 << 24 });
  const wall = (performance.now() - started) / 1000;
  if (r.status !== 0) {
    const why = (r.stderr ?? "").split("\n").find((l) => /heap out of memory|Error/.test(l)) ?? `exit ${r.status ?? r.signal}`;
    return { error: why.trim().slice(0, 160), wall_s: wall };
  }
  return JSON.parse(r.stdout.trim().split("\n").pop()!) as ScenarioFigure;
}

/**
 * The wall-clock limit as a user meets it: `clustersim run` (the real command, started as a
 * checkout starts it) on service-happy-path at 5,000 req/s for 100,000 hours with
 * `--timeout LIMITs`; wall seconds from spawn to exit, and the exit code (4: stopped undecided).
 */
export function timeoutFigure(limitSeconds: number): { wallSeconds: number; exitCode: number | null } {
  const bin = fileURLToPath(new URL("../bin/clustersim.js", import.meta.url));
  const started = performance.now();
  const r = spawnSync(process.execPath, [bin, "run", HAPPY, "--set", "duration=100000h", "--set", "workload.rate=5000/s", "--timeout", `${limitSeconds}s`], {
    cwd: root, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" },
  });
  return { wallSeconds: (performance.now() - started) / 1000, exitCode: r.status };
}
