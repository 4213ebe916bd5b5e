/**
 * `npm run bench -- --baseline=REF`: today's tree against an earlier commit, measured in one run
 * on one machine, so "within noise of before" is a figure and not a memory. The commit is checked
 * out once as a detached worktree beside the system's temp files (sharing this checkout's
 * node_modules); then each row runs in both trees, alternately and in turns whose order flips,
 * so that a load that comes and goes falls on both alike. Micro rows run the baseline's own
 * `bench/main.ts --json --quick` (both trees have it), scenario rows the real command; every
 * time is CPU seconds of the child (user + system), steadier than wall time on a shared machine,
 * and the best of the turns is kept. A row also reports whether both trees computed the same
 * trace hash: a redesign that moves no hash changed no behaviour.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

/** One baseline figure: a row measured in both trees. */
export interface BaselineFigure {
  row: string;
  unit: string;
  /** The best turn of each tree (the least disturbed one). */
  before: number;
  after: number;
  /** after / before for rates, before / after for times, of the best turns: above 1 is faster today. */
  speedup: number;
  /** The same ratio of the median turns: on a loaded machine the best turn is luck as much as speed. */
  medianSpeedup: number;
  sameHash: boolean | null;
}

/** Checks out `ref` once (detached) and returns its folder; `node_modules` is shared with this checkout. */
export function baselineTree(ref: string): { dir: string; sha: string } {
  const sha = execFileSync("git", ["rev-parse", "--verify", `${ref}^{commit}`], { cwd: root, encoding: "utf8" }).trim();
  const dir = join(tmpdir(), `clustersim-baseline-${sha.slice(0, 12)}`);
  if (!existsSync(dir)) execFileSync("git", ["worktree", "add", "--detach", dir, sha], { cwd: root, stdio: "ignore" });
  if (!existsSync(join(dir, "node_modules"))) symlinkSync(join(root, "node_modules"), join(dir, "node_modules"));
  return { dir, sha };
}

/** Runs a command in `cwd` under bash's `time` and returns its output and its CPU seconds. */
function timed(cwd: string, args: readonly string[]): { stdout: string; cpu: number } {
  const quoted = args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(" ");
  const r = spawnSync("bash", ["-c", `TIMEFORMAT='%3U %3S'; time ${quoted}`], { cwd, encoding: "utf8", maxBuffer: 1 << 26, env: { ...process.env, NO_COLOR: "1" } });
  const last = (r.stderr ?? "").trim().split("\n").pop() ?? "";
  const m = /^(\d+\.\d+) (\d+\.\d+)$/.exec(last);
  // Exit 1 is a run whose checks failed (the 2pc row scales the requests but not the file's expected count): still a whole run to time.
  if ((r.status !== 0 && r.status !== 1) || !m) throw new Error(`${args.join(" ")} in ${cwd} failed (exit ${r.status}): ${(r.stderr ?? "").slice(-400)}`);
  return { stdout: r.stdout, cpu: Number(m[1]) + Number(m[2]) };
}

/** A row: what it runs in a tree, and the figures it reads from the output. */
interface Row {
  row: string;
  unit: string;
  kind: "rate" | "time";
  run: (cwd: string) => { value: number; hash: string | null };
}

const microRow = (label: string, pick: (lines: Record<string, unknown>[]) => number, names: string[]): Row => ({
  row: label, unit: "events per CPU second", kind: "rate",
  run: (cwd) => {
    const { stdout } = timed(cwd, [process.execPath, "--expose-gc", "--import", "tsx", "bench/main.ts", "--json", "--quick", ...names]);
    const lines = stdout.trim().split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as Record<string, unknown>);
    return { value: pick(lines), hash: null };
  },
});

const scenarioRow = (label: string, file: string, sets: string[]): Row => ({
  row: label, unit: "CPU seconds of the whole command", kind: "time",
  run: (cwd) => {
    const { stdout, cpu } = timed(cwd, [process.execPath, "bin/clustersim.js", "run", file, "--seed", "1", ...sets.flatMap((s) => ["--set", s])]);
    return { value: cpu, hash: /trace ([0-9a-f]{16})/.exec(stdout)?.[1] ?? null };
  },
});

const field = (lines: Record<string, unknown>[], bench: string, extra: Record<string, unknown>, key: string): number => {
  const l = lines.find((x) => x.bench === bench && Object.entries(extra).every(([k, v]) => x[k] === v));
  if (!l || typeof l[key] !== "number") throw new Error(`no ${bench} ${key} in the bench output`);
  return l[key] as number;
};

/** The rows compared: the engine's micro benchmarks and whole library runs at 10× their length. */
export const BASELINE_ROWS: readonly Row[] = [
  microRow("mmc engine (M/M/4, 200k customers)", (l) => field(l, "mmc", {}, "engine_customers_per_s"), ["mmc"]),
  microRow("rpc unrecorded (200k calls)", (l) => field(l, "rpc", { recording: "off" }, "events_per_s"), ["rpc"]),
  microRow("rpc traced (200k calls)", (l) => field(l, "rpc", { recording: "full" }, "events_per_s"), ["rpc"]),
  scenarioRow("service-happy-path 10× (600 s at 50/s)", "scenarios/library/service/service-happy-path.yaml", ["duration=600s"]),
  scenarioRow("2pc-happy-path 10× (1,000 transactions)", "scenarios/library/commit/2pc-happy-path.yaml", ["duration=100s", "workload.requests=1000"]),
  scenarioRow("kafka-acks-all-min-isr 1×", "scenarios/library/mq/kafka-acks-all-min-isr.yaml", []),
];

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Measures every row in both trees, `turns` times each, alternating which tree goes first. */
export function compareWithBaseline(baselineDir: string, turns: number, onRow: (f: BaselineFigure) => void): void {
  for (const row of BASELINE_ROWS) {
    const values = { before: [] as number[], after: [] as number[] };
    const hashes = { before: null as string | null, after: null as string | null };
    for (let turn = 0; turn < turns; turn++) {
      const order: ("before" | "after")[] = turn % 2 === 0 ? ["before", "after"] : ["after", "before"];
      for (const which of order) {
        const r = row.run(which === "before" ? baselineDir : root);
        values[which].push(r.value);
        hashes[which] = r.hash;
      }
    }
    const pick = row.kind === "rate" ? (xs: number[]) => Math.max(...xs) : (xs: number[]) => Math.min(...xs);
    const ratio = (b: number, a: number) => (row.kind === "rate" ? a / b : b / a);
    const before = pick(values.before), after = pick(values.after);
    onRow({
      row: row.row, unit: row.unit, before, after, speedup: ratio(before, after), medianSpeedup: ratio(median(values.before), median(values.after)),
      sameHash: hashes.before === null ? null : hashes.before === hashes.after,
    });
  }
}
