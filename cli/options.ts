import type { CliIO } from "./io";
import { CliError } from "./exit-codes";
import { closest } from "../scenarios/suggest";

/** A flag: its long name (without `--`), what it takes, and the line `help` shows for it. */
export interface FlagSpec {
  type: "boolean" | "string" | "integer";
  /** Placeholder for the value in help: `N`, `A..B`, `i/n`. */
  value?: string;
  /** May be given several times; the values are collected in order. */
  repeatable?: boolean;
  /** One-letter alias (`-h`). */
  short?: string;
  description: string;
}

/** Every flag the CLI knows, once. Commands list which of them they accept. */
export const FLAGS = {
  seed: { type: "string", value: "N", description: "run this seed instead of the file's" },
  seeds: { type: "string", value: "A..B", description: "seeds to run: a range 1..500, a list 1,5,9, or one seed (default: each file's own)" },
  workers: { type: "integer", value: "N", description: "worker threads; 0 runs in this thread (default: one per core, or none for a few runs)" },
  shard: { type: "string", value: "i/n", description: "run only the i-th of n round-robin parts of the scenario × seed list (for CI matrices)" },
  determinism: { type: "boolean", description: "run every seed twice in different workers and fail on any trace difference" },
  set: { type: "string", value: "path=value", repeatable: true, description: "override a scenario value, e.g. --set workload.rate=200/s (repeatable)" },
  report: { type: "string", value: "KINDS", description: "write reports: any of json,md,junit,html,perfetto,text (comma-separated)" },
  out: { type: "string", value: "PATH", description: "where reports (run, check) or the shrunk scenario (shrink) go (default: out/ for reports, stdout for shrink)" },
  trace: { type: "string", value: "PATH", description: "write the canonical trace (one JSON event a line, what `view` opens) to PATH; a directory when several files run" },
  json: { type: "boolean", description: "print the machine-readable result on stdout, and nothing else there" },
  timeout: { type: "string", value: "DURATION", description: "wall-clock limit per run, e.g. 60s (default 60s; 0 for none)" },
  "max-runs": { type: "integer", value: "N", description: "most runs a shrink may spend (default 200)" },
  help: { type: "boolean", short: "h", description: "show help" },
  version: { type: "boolean", short: "v", description: "print the version" },
} as const satisfies Record<string, FlagSpec>;

/** A flag name. */
export type FlagName = keyof typeof FLAGS;

/** Parsed flag values: booleans, strings, integers, or lists for repeatable flags. */
export type FlagValues = { [K in FlagName]?: (typeof FLAGS)[K] extends { repeatable: true } ? string[] : (typeof FLAGS)[K]["type"] extends "boolean" ? boolean : (typeof FLAGS)[K]["type"] extends "integer" ? number : string };

/** What a command gets. */
export interface CommandContext {
  args: string[];
  flags: FlagValues;
  io: CliIO;
}

/** A command's implementation: resolves to the exit code. */
export type CommandHandler = (ctx: CommandContext) => Promise<number>;

/** A command: its name, help text, arguments and flags; its module is loaded only when it runs. */
export interface CommandSpec {
  name: string;
  summary: string;
  /** The argument part of the usage line: `FILE...`. */
  usage: string;
  /** Fewest and most positional arguments. */
  args: { min: number; max: number };
  flags: readonly FlagName[];
  /** Everything after the command goes to it untouched (`bench`). */
  passthrough?: boolean;
  load: () => Promise<{ default: CommandHandler }>;
}

const RUN_FLAGS = ["seed", "set", "report", "out", "trace", "json", "timeout"] as const;

/** Every command, in the order `help` lists them. */
export const COMMANDS: readonly CommandSpec[] = [
  { name: "run", summary: "run scenario files once each and print what happened", usage: "FILE...", args: { min: 1, max: Infinity }, flags: RUN_FLAGS, load: () => import("./commands/run") },
  { name: "check", summary: "run scenarios × seeds in parallel; list failing scenarios with their first failing seed", usage: "PATH...", args: { min: 1, max: Infinity }, flags: ["seeds", "workers", "shard", "determinism", "set", "report", "out", "json", "timeout"], load: () => import("./commands/check") },
  { name: "replay", summary: "run one scenario with one seed, exactly as it ran before", usage: "FILE", args: { min: 1, max: 1 }, flags: RUN_FLAGS, load: () => import("./commands/replay") },
  { name: "shrink", summary: "reduce a failing seed's fault schedule to a minimal scenario that still fails", usage: "FILE", args: { min: 1, max: 1 }, flags: ["seed", "set", "out", "json", "timeout", "max-runs"], load: () => import("./commands/shrink") },
  { name: "validate", summary: "check scenario files without running them", usage: "FILE...", args: { min: 1, max: Infinity }, flags: ["set", "json"], load: () => import("./commands/validate") },
  { name: "list", summary: "list the scenario library: name, topic, what it teaches", usage: "[DIR]", args: { min: 0, max: 1 }, flags: ["json"], load: () => import("./commands/list") },
  { name: "view", summary: "print the visualizer URL for a scenario file or a saved trace", usage: "FILE|TRACE", args: { min: 1, max: 1 }, flags: ["seed", "set"], load: () => import("./commands/view") },
  { name: "bench", summary: "run the benchmarks (arguments go to bench/main.ts)", usage: "[ARGS...]", args: { min: 0, max: Infinity }, flags: [], passthrough: true, load: () => import("./commands/bench") },
  { name: "demo", summary: "run the built-in demo: clients, a replicated echo service, a partition and a crash", usage: "", args: { min: 0, max: 0 }, flags: ["seed", "trace", "json"], load: () => import("./commands/demo") },
  { name: "library", summary: "run the whole scenario library with its default seeds and print one table (npm start)", usage: "[DIR]", args: { min: 0, max: 1 }, flags: ["workers", "json", "timeout"], load: () => import("./commands/library") },
  { name: "help", summary: "show help for the CLI or one command", usage: "[COMMAND]", args: { min: 0, max: 1 }, flags: [], load: () => import("./commands/help") },
];

/** What the command line asked for. */
export type Parsed =
  | { kind: "command"; command: CommandSpec; args: string[]; flags: FlagValues }
  | { kind: "help"; command?: CommandSpec }
  | { kind: "version" };

/** The command of a name, or a usage error that suggests the closest one. */
export function findCommand(name: string): CommandSpec {
  const found = COMMANDS.find((c) => c.name === name);
  if (found) return found;
  const guess = closest(name, COMMANDS.map((c) => c.name));
  throw new CliError(`unknown command "${name}"`, 2, guess ? `did you mean "clustersim ${guess}"?` : "run `clustersim help` for the list of commands");
}

/**
 * Parses the arguments against the table: `--flag value`, `--flag=value`, `-h`, repeatable
 * flags, `--` to end flags. Everything wrong is a `CliError` that names the flag and, for a
 * misspelling, the flag that was probably meant.
 */
export function parseArgs(argv: readonly string[]): Parsed {
  if (argv.length === 0) return { kind: "help" };
  const first = argv[0];
  if (first === "--version" || first === "-v") return { kind: "version" };
  if (first === "--help" || first === "-h") return { kind: "help" };
  if (first.startsWith("-")) throw unknownFlag(first, undefined);
  const command = findCommand(first);
  const rest = argv.slice(1);
  if (command.passthrough) return { kind: "command", command, args: [...rest], flags: {} };

  const args: string[] = [];
  const flags: Record<string, unknown> = {};
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === "--") {
      args.push(...rest.slice(i + 1));
      break;
    }
    if (!a.startsWith("-") || a === "-") {
      args.push(a);
      continue;
    }
    const eq = a.indexOf("=");
    const rawName = a.startsWith("--") ? a.slice(2, eq > 0 ? eq : undefined) : a.slice(1, eq > 0 ? eq : undefined);
    const name = a.startsWith("--") ? rawName : (Object.keys(FLAGS) as FlagName[]).find((k) => (FLAGS[k] as FlagSpec).short === rawName);
    if (name === "help") return { kind: "help", command };
    if (name === "version") return { kind: "version" };
    if (name === undefined || !(name in FLAGS) || !command.flags.includes(name as FlagName)) throw unknownFlag(a.slice(0, eq > 0 ? eq : undefined), command);
    const spec: FlagSpec = FLAGS[name as FlagName];
    let value: string | undefined = eq > 0 ? a.slice(eq + 1) : undefined;
    if (spec.type === "boolean") {
      if (value !== undefined) throw new CliError(`--${name} takes no value`, 2, `write just --${name}`);
      flags[name] = true;
      continue;
    }
    if (value === undefined) {
      if (i + 1 >= rest.length || (rest[i + 1].startsWith("--") && rest[i + 1].length > 2)) {
        throw new CliError(`--${name} needs a value (${spec.value ?? "VALUE"})`, 2, `for example: clustersim ${command.name} ${command.usage.split(" ")[0] ?? ""} --${name} ${example(name as FlagName)}`.replace(/ +/g, " "));
      }
      value = rest[++i];
    }
    let parsed: string | number = value;
    if (spec.type === "integer") {
      if (!/^\d+$/.test(value.trim())) throw new CliError(`--${name} takes a whole number, got "${value}"`, 2, `for example --${name} ${example(name as FlagName)}`);
      parsed = Number(value);
    }
    if (spec.repeatable) ((flags[name] ??= []) as unknown[]).push(parsed);
    else if (name in flags) throw new CliError(`--${name} is given twice`, 2, "give it once");
    else flags[name] = parsed;
  }
  if (args.length < command.args.min) {
    throw new CliError(`${command.name} needs ${command.usage || "no arguments"}`, 2, `usage: clustersim ${command.name} ${command.usage}`.trim());
  }
  if (args.length > command.args.max) {
    throw new CliError(`${command.name} takes ${command.args.max === 0 ? "no arguments" : `at most ${command.args.max} argument${command.args.max === 1 ? "" : "s"}`}, got ${args.length}: ${args.join(" ")}`, 2, `usage: clustersim ${command.name} ${command.usage}`.trim());
  }
  return { kind: "command", command, args, flags: flags as FlagValues };
}

function example(name: FlagName): string {
  const examples: Partial<Record<FlagName, string>> = { seed: "7", seeds: "1..100", workers: "4", shard: "1/4", set: "workload.rate=200/s", report: "json,md", out: "out", trace: "run.jsonl", timeout: "60s", "max-runs": "200" };
  return examples[name] ?? "VALUE";
}

/** An unknown flag: for the command if known, with the closest flag it accepts. */
function unknownFlag(flag: string, command: CommandSpec | undefined): CliError {
  const accepted: string[] = command ? [...command.flags, "help"] : ["help", "version"];
  const name = flag.replace(/^-+/, "");
  const guess = closest(name, accepted);
  const where = command ? ` for "${command.name}"` : "";
  const known = FLAGS[name as FlagName] !== undefined && command ? `; "${command.name}" does not take --${name}` : "";
  return new CliError(`unknown flag ${flag}${where}${known}`, 2, guess ? `did you mean --${guess}?` : `run \`clustersim help${command ? ` ${command.name}` : ""}\` for the flags it takes`);
}
