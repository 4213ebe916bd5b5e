import type { CliIO } from "./shared/io";
import { processIO } from "./shared/io";
import type { CommandSpec } from "./shared/command-spec";
import { CliError, ExitCode } from "./shared/exit-codes";
import { parseArgs } from "./shared/parse-args";
import { stableStringify } from "../reports/json";
import { helpText, versionText } from "./shared/help-text";

// The registry: the one module that knows every command. Commands import only the helpers in
// shared/, never this file, so the arrows run one way: main -> commands -> shared.
const RUN_FLAGS = ["seed", "set", "report", "epoch", "lang", "out", "trace", "json", "timeout"] as const;

/** Every command, in the order `help` lists them. */
export const COMMANDS: readonly CommandSpec[] = [
  { name: "run", summary: "run scenario files once each and print what happened", usage: "FILE...", args: { min: 1, max: Infinity }, flags: RUN_FLAGS, load: () => import("./commands/run") },
  { name: "check", summary: "run scenarios × seeds in parallel; list failing scenarios with their first failing seed", usage: "PATH...", args: { min: 1, max: Infinity }, flags: ["seeds", "workers", "shard", "determinism", "set", "report", "epoch", "lang", "out", "json", "timeout"], load: () => import("./commands/check") },
  { name: "replay", summary: "run one scenario with one seed, exactly as it ran before", usage: "FILE", args: { min: 1, max: 1 }, flags: RUN_FLAGS, load: () => import("./commands/replay") },
  { name: "shrink", summary: "reduce a failing seed's fault schedule to a minimal scenario that still fails", usage: "FILE", args: { min: 1, max: 1 }, flags: ["seed", "set", "out", "json", "timeout", "max-runs"], load: () => import("./commands/shrink") },
  { name: "validate", summary: "check scenario files without running them", usage: "FILE...", args: { min: 1, max: Infinity }, flags: ["set", "json"], load: () => import("./commands/validate") },
  { name: "check-history", summary: "check a recorded history (clustersim JSONL or Jepsen history.edn) for linearizability", usage: "FILE", args: { min: 1, max: 1 }, flags: ["model", "budget", "timeout", "independent", "json"], load: () => import("./commands/check-history") },
  { name: "list", summary: "list the scenario library: name, topic, what it teaches", usage: "[DIR]", args: { min: 0, max: 1 }, flags: ["json", "lang"], load: () => import("./commands/list") },
  { name: "view", summary: "print the visualizer URL for a scenario file or a saved trace", usage: "FILE|TRACE", args: { min: 1, max: 1 }, flags: ["seed", "set"], load: () => import("./commands/view") },
  { name: "bench", summary: "run the benchmarks (arguments go to bench/main.ts)", usage: "[ARGS...]", args: { min: 0, max: Infinity }, flags: [], passthrough: true, load: () => import("./commands/bench") },
  { name: "demo", summary: "run the built-in demo: clients, a replicated echo service, a partition and a crash", usage: "", args: { min: 0, max: 0 }, flags: ["seed", "trace", "json"], load: () => import("./commands/demo") },
  { name: "library", summary: "run the whole scenario library with its default seeds and print one table (npm start)", usage: "[DIR]", args: { min: 0, max: 1 }, flags: ["workers", "json", "timeout"], load: () => import("./commands/library") },
  { name: "compare-transactions", summary: "run one place-order business transaction as 2PC, Seata AT, TCC and Saga on one seed and fault; print the table side by side", usage: "", args: { min: 0, max: 0 }, flags: ["seed", "fault", "report", "out", "json"], load: () => import("./commands/compare-transactions") },
  { name: "init", summary: "scaffold a starter in this project: its own module, a scenario, a vitest file and a CI workflow", usage: "[DIR]", args: { min: 0, max: 1 }, flags: [], load: () => import("./commands/init") },
  { name: "help", summary: "show help for the CLI or one command", usage: "[COMMAND]", args: { min: 0, max: 1 }, flags: [], load: () => import("./commands/help") },
];

/**
 * The command line: parses `argv` against the command table, loads the one command it names and
 * runs it. Returns the exit code (0 all held, 1 a check failed, 2 bad input, 3 internal error)
 * rather than exiting, so tests and other programs can call it.
 */
export async function main(argv: readonly string[], given: CliIO = processIO()): Promise<number> {
  // `--timeout` counts from here when the caller did not say when the command began.
  const io: CliIO = given.startedAt === undefined ? { ...given, startedAt: performance.now() } : given;
  try {
    const parsed = parseArgs(argv, COMMANDS);
    if (parsed.kind === "version") {
      io.stdout(versionText() + "\n");
      return ExitCode.ok;
    }
    if (parsed.kind === "help") {
      io.stdout(helpText(COMMANDS, parsed.command));
      return argv.length === 0 ? ExitCode.badInput : ExitCode.ok;
    }
    const { default: handler } = await parsed.command.load();
    return await handler({ args: parsed.args, flags: parsed.flags, io, commands: COMMANDS });
  } catch (e) {
    // With --json a script reads stdout: every way out, bad input and bugs alike, is one JSON
    // document there (as well as the text on stderr), with the same code.
    const json = wantsJson(argv);
    if (e instanceof CliError) {
      io.stderr(`clustersim: error ${e.code}: ${e.message}\n${e.hint ? `  ${e.hint}\n` : ""}`);
      if (json) io.stdout(errorJson(e.exitCode, { code: e.code, message: e.message, ...(e.hint ? { hint: e.hint } : {}) }));
      return e.exitCode;
    }
    const detail = e instanceof Error ? (e.stack ?? e.message) : String(e);
    io.stderr(`clustersim: error CS901: internal error (a bug in clustersim; please report it with the command you ran)\n${detail}\n`);
    if (json) io.stdout(errorJson(ExitCode.internal, { code: "CS901", message: e instanceof Error ? e.message : String(e), stack: detail }));
    return ExitCode.internal;
  }
}

/** True when the line asks for JSON (`--json` before any `--`), even if it failed to parse. */
function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf("--");
  return (end < 0 ? argv : argv.slice(0, end)).includes("--json");
}

/** The `--json` document of a command that stopped with an error instead of a result. */
function errorJson(exitCode: number, error: Record<string, string>): string {
  return stableStringify({ ok: false, exitCode, errors: [{ severity: "error", ...error }] }, ["ok", "exitCode", "errors"]) + "\n";
}
