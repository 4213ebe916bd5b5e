/**
 * The command's start-up, in wall seconds of whole processes (start-up is what a user waits
 * for, so CPU time of this process would not show it): `clustersim --version` and one small run,
 * each started as a checkout starts it (the TypeScript sources compiled by tsx on every start:
 * how the command ran before the package was built) and as an installed package starts it (the
 * built JavaScript in dist/, no TypeScript loader). Best of `repeats`, the least disturbed run
 * on a shared machine.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const bin = fileURLToPath(new URL("../bin/clustersim.js", import.meta.url));

/** One measured command line. */
export interface StartupFigure {
  command: string;
  via: "sources" | "dist";
  wallSeconds: number;
  /** The goal the built command must meet (issue 13), in seconds. */
  targetSeconds: number;
}

const COMMANDS = [
  { args: ["--version"], target: 0.15 },
  { args: ["run", "scenarios/library/commit/2pc-happy-path.yaml"], target: 0.5 },
];

/** Wall seconds of one process from spawn to exit; throws if it fails, so a broken build is not a fast one. */
function timeOnce(args: readonly string[], env: NodeJS.ProcessEnv): number {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, env, encoding: "utf8" });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status !== 0) throw new Error(`clustersim ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return seconds;
}

/** Measures every command both ways; builds dist/ first when it is missing. */
export function startupFigures(repeats: number): StartupFigure[] {
  if (!existsSync(new URL("../dist/cli/main.js", import.meta.url))) {
    execFileSync(process.execPath, [fileURLToPath(new URL("../scripts/build-lib.mjs", import.meta.url))], { stdio: "inherit" });
  }
  const out: StartupFigure[] = [];
  for (const { args, target } of COMMANDS) {
    for (const via of ["sources", "dist"] as const) {
      const env = { ...process.env, CLUSTERSIM_DIST: via === "dist" ? "1" : "0", NO_COLOR: "1" };
      let best = Infinity;
      for (let i = 0; i < repeats; i++) best = Math.min(best, timeOnce(args, env));
      out.push({ command: `clustersim ${args.join(" ")}`, via, wallSeconds: best, targetSeconds: target });
    }
  }
  return out;
}
